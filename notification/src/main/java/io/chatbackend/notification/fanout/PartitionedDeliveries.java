package io.chatbackend.notification.fanout;

import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.notification.delivery.MessageDeliveries;
import io.chatbackend.notification.delivery.MessageDelivery;
import io.chatbackend.notification.routing.DeliveryPartitions;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one sent message and its recipients into {@link MessageDeliveries} records (ADR 0015): the recipients grouped
 * by the deliveries partition their user id hashes to, in chunks of at most {@code maxRecipients}, each record keyed
 * by its first recipient so that it lands on that same partition. A 10,000-member group is then tens of records
 * instead of 10,000, and every recipient is still on the partition its node consumes, in order with the rest of
 * that user's deliveries.
 */
final class PartitionedDeliveries {

    private final IntegrationEventCodec codec;
    private final Clock clock;
    private final int maxRecipients;

    PartitionedDeliveries(IntegrationEventCodec codec, Clock clock, int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1");
        }
        this.codec = codec;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
    }

    List<OutgoingEvent> of(IntegrationEvent source, MessageSent sent, Collection<UUID> recipients,
                           int partitionCount) {
        Map<Integer, List<UUID>> byPartition = new LinkedHashMap<>();
        for (UUID recipient : recipients) {
            byPartition.computeIfAbsent(DeliveryPartitions.of(recipient, partitionCount), p -> new ArrayList<>())
                    .add(recipient);
        }
        MessageDelivery.Body body = sent.body() == null ? null
                : new MessageDelivery.Body(sent.body().type(), sent.body().text());
        List<OutgoingEvent> records = new ArrayList<>();
        byPartition.forEach((partition, users) -> {
            for (int from = 0; from < users.size(); from += maxRecipients) {
                List<UUID> chunk = users.subList(from, Math.min(users.size(), from + maxRecipients));
                MessageDeliveries deliveries = new MessageDeliveries(chunk, sent.messageId(), sent.dialogId(),
                        sent.senderId(), sent.senderSeq(), sent.dialogSeq(), body, sent.sentAt());
                String key = chunk.get(0).toString();
                // the same source event and first recipient give the same id, also when a batch is redelivered
                String eventId = UUID.nameUUIDFromBytes((source.eventId() + "/" + key)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                records.add(new OutgoingEvent(Deliveries.TOPIC, key, new IntegrationEvent(eventId,
                        Deliveries.MESSAGE_TO_MANY, Deliveries.VERSION, clock.instant(), key, sent.dialogSeq(),
                        source.correlationId(), source.eventId(), codec.payloadOf(deliveries))));
            }
        });
        return records;
    }
}
