package io.chatbackend.notification.delivery;

import java.util.List;
import java.util.UUID;

/**
 * {@code userId} is typing in a dialog: for the live sessions of several recipients whose users share one partition
 * of {@link Deliveries#EPHEMERAL} (ADR 0015), keyed by the first recipient.
 */
public record TypingNotices(List<UUID> recipientIds, UUID dialogId, UUID userId) {

    public TypingNotices {
        recipientIds = List.copyOf(recipientIds);
    }
}
