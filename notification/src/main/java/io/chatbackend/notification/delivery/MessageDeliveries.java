package io.chatbackend.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message for several recipient users whose deliveries share one partition of {@link Deliveries#TOPIC} (ADR
 * 0015): the fan-out writes one such record per message and partition (in chunks of bounded size) instead of one
 * {@link MessageDelivery} per recipient, and the node that owns the partition fans out in memory. Keyed by the first
 * recipient, which lands it on the partition every listed recipient's own key would.
 *
 * @param recipientIds the users whose sessions get it, every one on the record's partition
 * @param messageId    the snowflake id, as a decimal string
 */
public record MessageDeliveries(List<UUID> recipientIds, String messageId, UUID dialogId, UUID senderId,
                                long senderSeq, long dialogSeq, MessageDelivery.Body body, Instant sentAt) {

    public MessageDeliveries {
        recipientIds = List.copyOf(recipientIds);
    }

    /** The same message as the single-recipient delivery (e.g. for an offline push). */
    public MessageDelivery to(UUID recipientId) {
        return new MessageDelivery(recipientId, messageId, dialogId, senderId, senderSeq, dialogSeq, body, sentAt);
    }
}
