package io.chatbackend.notification.delivery;

import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.routing.DeliveryPartitions;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionedDeliveriesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final PartitionedDeliveries partitioned =
            new PartitionedDeliveries(codec, Clock.fixed(NOW, ZoneOffset.UTC), 100);
    private final UUID dialog = UUID.randomUUID();
    private final UUID sender = UUID.randomUUID();
    private final MessageSent sent = new MessageSent("4711", dialog, sender, 3, 42,
            new MessageSent.Body("text", "hello"), NOW.minusMillis(5), 1);
    private final IntegrationEvent source = new IntegrationEvent("source-1", MessageSent.TYPE, 1, NOW,
            dialog.toString(), 42, "correlation-1", null, codec.payloadOf(sent));

    @Test
    void everyRecipientOnceInARecordOnItsOwnPartitionInBoundedChunks() {
        List<UUID> recipients = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toList();
        int partitions = 3;

        List<OutgoingEvent> records = partitioned.of(source, sent, recipients, partitions);

        List<UUID> listed = new ArrayList<>();
        for (OutgoingEvent record : records) {
            assertThat(record.topic()).isEqualTo(Deliveries.TOPIC);
            assertThat(record.event().type()).isEqualTo(Deliveries.MESSAGE_TO_MANY);
            MessageDeliveries deliveries = codec.payload(record.event(), MessageDeliveries.class);
            assertThat(deliveries.recipientIds()).hasSizeBetween(1, 100);
            int keyPartition = DeliveryPartitions.of(UUID.fromString(record.key()), partitions);
            assertThat(deliveries.recipientIds()).as("the partition its key lands on is every recipient's own")
                    .allSatisfy(recipient -> assertThat(DeliveryPartitions.of(recipient, partitions))
                            .isEqualTo(keyPartition));
            listed.addAll(deliveries.recipientIds());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(recipients);
        // 1000 recipients over 3 partitions, at most 100 per record: 10 or 11 records, not 1000
        assertThat(records).hasSizeBetween(10, 12);
    }

    @Test
    void recordsCarryTheWholeMessageAndTraceToTheirSource() {
        UUID alone = UUID.randomUUID();

        List<OutgoingEvent> records = partitioned.of(source, sent, List.of(alone, sender), 1);

        assertThat(records).hasSize(1);
        IntegrationEvent event = records.get(0).event();
        assertThat(records.get(0).key()).isEqualTo(alone.toString());
        assertThat(event.causationId()).isEqualTo("source-1");
        assertThat(event.correlationId()).isEqualTo("correlation-1");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        MessageDeliveries deliveries = codec.payload(event, MessageDeliveries.class);
        assertThat(deliveries.recipientIds()).containsExactly(alone, sender);
        assertThat(deliveries.to(sender)).satisfies(single -> {
            assertThat(single.recipientId()).isEqualTo(sender);
            assertThat(single.messageId()).isEqualTo("4711");
            assertThat(single.dialogId()).isEqualTo(dialog);
            assertThat(single.senderId()).isEqualTo(sender);
            assertThat(single.senderSeq()).isEqualTo(3);
            assertThat(single.dialogSeq()).isEqualTo(42);
            assertThat(single.body().text()).isEqualTo("hello");
            assertThat(single.sentAt()).isEqualTo(NOW.minusMillis(5));
        });
    }

    @Test
    void aRedeliveredSourceGivesTheSameEventIds() {
        List<UUID> recipients = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();

        Map<String, String> first = ids(partitioned.of(source, sent, recipients, 4));
        Map<String, String> again = ids(partitioned.of(source, sent, recipients, 4));

        assertThat(again).isEqualTo(first);
        assertThat(first.values()).doesNotHaveDuplicates();
    }

    @Test
    void aChunkNeedsRoomForOneRecipient() {
        assertThatThrownBy(() -> new PartitionedDeliveries(codec, Clock.systemUTC(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> ids(List<OutgoingEvent> records) {
        return records.stream().collect(Collectors.toMap(OutgoingEvent::key, record -> record.event().eventId()));
    }

    @Test
    void aWatermarkForAllMembersFromAClientRequestGetsFreshIdsOnTheGivenTopic() {
        List<UUID> members = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();

        List<OutgoingEvent> records = receipts(members, 2);

        assertThat(records).hasSizeBetween(1, 2);
        List<UUID> listed = new ArrayList<>();
        for (OutgoingEvent record : records) {
            assertThat(record.topic()).isEqualTo(Deliveries.TOPIC);
            assertThat(record.event().type()).isEqualTo(Deliveries.RECEIPT_TO_MANY);
            assertThat(record.event().causationId()).isNull();
            ReceiptDeliveries receipts = codec.payload(record.event(), ReceiptDeliveries.class);
            assertThat(receipts.upToSeq()).isEqualTo(42);
            assertThat(receipts.deviceId()).isEqualTo("phone");
            listed.addAll(receipts.recipientIds());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(members);
        assertThat(receipts(members, 1).get(0).event().eventId()).as("no source event: a fresh id each time")
                .isNotEqualTo(receipts(members, 1).get(0).event().eventId());
    }

    private List<OutgoingEvent> receipts(List<UUID> members, int partitions) {
        return partitioned.of(Deliveries.TOPIC, Deliveries.RECEIPT_TO_MANY, null, members, partitions, -1,
                chunk -> new ReceiptDeliveries(chunk, dialog, sender, "delivered", "phone", 42));
    }
}
