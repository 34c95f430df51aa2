package io.chatbackend.platform.events;

import io.chatbackend.platform.events.outbox.EventTypeVersions;
import io.chatbackend.platform.events.outbox.OutboxRelay;
import io.chatbackend.platform.infra.RestartableServer;
import io.chatbackend.platform.testing.IsolatedData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Kafka outage: the test's own broker (a child JVM) is stopped while the outbox keeps filling, then started
 * again on the same data directory and port. Every event must arrive once, in order per key, with nothing lost.
 */
class OutboxOutageIT {

    private static final String TOPIC = "outage.v1";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveInOrderAndExactlyOnceAfterItIsBack() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "outage-kafka", IsolatedData.uniqueName("broker")))
                .toAbsolutePath();
        TopicNames names = new TopicNames(IsolatedData.uniqueName("outage") + ".");
        IntegrationEventCodec codec = new IntegrationEventCodec();
        OutboxTable table = OutboxTable.create("TEXT");
        List<String> keys = IntStream.range(0, 8).mapToObj(i -> "dialog-" + i).toList();

        try (RestartableServer broker = RestartableServer.kafka(dir)) {
            new IntegrationTopics(broker.address(), names, 3, (short) 1).ensure(List.of(TOPIC));
            // a short delivery timeout, so sends during the outage fail and the relay's own retry is what recovers
            IntegrationEventPublisher.Settings settings = IntegrationEventPublisher.Settings
                    .defaults(broker.address(), "outage-it").withDeliveryTimeout(Duration.ofSeconds(4))
                    .withMaxBlock(Duration.ofSeconds(3));
            try (IntegrationEventPublisher publisher = new IntegrationEventPublisher(settings, names, codec)) {
                OutboxRelay relay = new OutboxRelay(table.dataSource, publisher, EventTypeVersions.none(),
                        OutboxRelay.Settings.defaults().withBatchSize(25).withMaxBackoff(Duration.ofSeconds(1)));
                relay.start();
                try {
                    table.insertMany(TOPIC, keys, 100, 5);
                    Awaiting.until("rows before the outage published", WAIT, () -> table.unpublished() == 0);

                    long stopAt = System.nanoTime();
                    broker.stop();
                    table.insertMany(TOPIC, keys, 100, 5);
                    Awaiting.until("the relay failed and retried during the outage", WAIT, () -> relay.failureCount() >= 2);
                    assertThat(table.unpublished()).as("nothing marked published while Kafka is down").isEqualTo(100);

                    broker.start();
                    long downFor = Duration.ofNanos(System.nanoTime() - stopAt).toMillis();
                    table.insertMany(TOPIC, keys, 100, 5);
                    Awaiting.until("every row published after the outage", WAIT, () -> table.unpublished() == 0);
                    System.out.printf("outage: broker down %d ms, %d failed relay attempts%n", downFor,
                            relay.failureCount());
                } finally {
                    relay.stop();
                }
            }

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.address(),
                    names.physical(TOPIC), 300, WAIT, Duration.ofSeconds(1));
            assertThat(records).as("no loss and, since the relay never crashed, no duplicates").hasSize(300);
            assertThat(records.stream().map(r -> codec.decode(r.value()).eventId()).toList())
                    .containsExactlyInAnyOrderElementsOf(table.eventIdsByPosition().values());
            assertThat(Awaiting.sequencesByKey(records, codec)).as("each key in position order")
                    .isEqualTo(table.positionsByKey());
        }
    }
}
