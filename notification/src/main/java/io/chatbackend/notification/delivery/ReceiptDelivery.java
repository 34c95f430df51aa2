package io.chatbackend.notification.delivery;

import java.util.UUID;

/**
 * A watermark of {@code userId} in a dialog for one recipient user's sessions (every member of the dialog), on
 * {@link Deliveries#TOPIC}: {@code kind} "read" (from dialog-domain's {@code ReadWatermarkAdvanced}) or
 * "delivered" (a device's {@code ack}, with its {@code deviceId}).
 */
public record ReceiptDelivery(UUID recipientId, UUID dialogId, UUID userId, String kind, String deviceId,
                              long upToSeq) {
}
