package io.chatbackend.notification.delivery;

import io.chatbackend.message.contract.MessageSent;
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
import java.util.function.Function;

/**
 * Turns one thing for many recipient users (a message, a watermark, a typing notice) into records of the
 * user-keyed deliveries topics (ADR 0015): the recipients grouped by the partition their user id hashes to, in
 * chunks of at most {@code maxRecipients}, each record keyed by its first recipient so that it lands on that same
 * partition. A 10,000-member group is then a handful of records per message instead of 10,000, and every recipient
 * is still on the partition its node consumes, in order with the rest of that user's deliveries.
 */
public final class PartitionedDeliveries {

    /** Bounds a record at about 40 KB of recipient ids whatever the group's size and the partition count. */
    public static final int MAX_RECIPIENTS_PER_RECORD = 1000;

    private final IntegrationEventCodec codec;
    private final Clock clock;
    private final int maxRecipients;

    public PartitionedDeliveries(IntegrationEventCodec codec, Clock clock, int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1");
        }
        this.codec = codec;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
    }

    /** A message for its recipients: {@link MessageDeliveries} records on {@link Deliveries#TOPIC}. */
    public List<OutgoingEvent> of(IntegrationEvent source, MessageSent sent, Collection<UUID> recipients,
                                  int partitionCount) {
        MessageDelivery.Body body = sent.body() == null ? null
                : new MessageDelivery.Body(sent.body().type(), sent.body().text());
        return of(Deliveries.TOPIC, Deliveries.MESSAGE_TO_MANY, source, recipients, partitionCount, sent.dialogSeq(),
                chunk -> new MessageDeliveries(chunk, sent.messageId(), sent.dialogId(), sent.senderId(),
                        sent.senderSeq(), sent.dialogSeq(), body, sent.sentAt()));
    }

    /**
     * Any payload for many recipients: {@code payload} builds one record's content from its chunk of recipients,
     * all on one partition of {@code topic} (which has {@code partitionCount} partitions).
     *
     * @param source the event this follows from (ids derive from it, stable on redelivery), or null for a client
     *               request (random ids)
     */
    public List<OutgoingEvent> of(String topic, String type, IntegrationEvent source, Collection<UUID> recipients,
                                  int partitionCount, long sequence, Function<List<UUID>, Object> payload) {
        Map<Integer, List<UUID>> byPartition = new LinkedHashMap<>();
        for (UUID recipient : recipients) {
            byPartition.computeIfAbsent(DeliveryPartitions.of(recipient, partitionCount), p -> new ArrayList<>())
                    .add(recipient);
        }
        List<OutgoingEvent> records = new ArrayList<>();
        byPartition.forEach((partition, users) -> {
            for (int from = 0; from < users.size(); from += maxRecipients) {
                List<UUID> chunk = users.subList(from, Math.min(users.size(), from + maxRecipients));
                String key = chunk.get(0).toString();
                // the same source event, type and first recipient give the same id, also when redelivered
                String eventId = source == null ? UUID.randomUUID().toString()
                        : UUID.nameUUIDFromBytes((source.eventId() + "/" + type + "/" + key)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                records.add(new OutgoingEvent(topic, key, new IntegrationEvent(eventId, type, Deliveries.VERSION,
                        clock.instant(), key, sequence, source == null ? null : source.correlationId(),
                        source == null ? null : source.eventId(), codec.payloadOf(payload.apply(chunk)))));
            }
        });
        return records;
    }
}
