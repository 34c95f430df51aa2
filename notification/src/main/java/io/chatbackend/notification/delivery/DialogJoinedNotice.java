package io.chatbackend.notification.delivery;

import java.util.UUID;

/**
 * The recipient joined a dialog, on {@link Deliveries#TOPIC}: their live sessions catch that dialog up from
 * history (it may already hold messages a stale membership view did not fan out to them).
 */
public record DialogJoinedNotice(UUID recipientId, UUID dialogId, long joinedAtSeq) {
}
