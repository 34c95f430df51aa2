package io.chatbackend.notification.delivery;

import java.util.List;
import java.util.UUID;

/**
 * One watermark for several recipient users whose deliveries share one partition of {@link Deliveries#TOPIC} (ADR
 * 0015), as {@link MessageDeliveries} is for a message: a "read" watermark of a member of a 10,000-member group is a
 * few records, not one per member. Keyed by the first recipient.
 *
 * @param recipientIds the users whose sessions get it, every one on the record's partition
 */
public record ReceiptDeliveries(List<UUID> recipientIds, UUID dialogId, UUID userId, String kind, String deviceId,
                                long upToSeq) {

    public ReceiptDeliveries {
        recipientIds = List.copyOf(recipientIds);
    }
}
