package io.chatbackend.notification.delivery;

import java.util.UUID;

/** {@code userId} is typing in a dialog: for the recipient's live sessions, on {@link Deliveries#EPHEMERAL}. */
public record TypingNotice(UUID recipientId, UUID dialogId, UUID userId) {
}
