package io.chatbackend.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One message for one recipient user (every member who sees it, the sender included: their other devices), on
 * {@link Deliveries#TOPIC}. Carries the whole message, so a node needs no look-up to push it.
 *
 * @param recipientId the user whose sessions get it (also the record key)
 * @param messageId   the snowflake id, as a decimal string
 */
public record MessageDelivery(UUID recipientId, String messageId, UUID dialogId, UUID senderId, long senderSeq,
                              long dialogSeq, Body body, Instant sentAt) {

    /** The content of a message; only {@code "text"} so far. */
    public record Body(String type, String text) {
    }
}
