package io.chatbackend.platform.events;

import io.chatbackend.platform.events.outbox.EventTypeVersions;
import io.chatbackend.platform.events.outbox.OutboxRelay;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay on the shared PostgreSQL and Kafka: order, nothing lost, rows marked, one relay at a time, and
 * positions that commit out of order.
 */
class OutboxRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "things.v1";

    private final String bootstrap = SharedInfrastructure.endpoints().kafkaBootstrapServers();
    private final TopicNames names = new TopicNames(IsolatedData.uniqueName("outbox") + ".");
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void publishesEveryRowOnceInPositionOrderWithItsEnvelopeAndMarksItPublished() throws Exception {
        OutboxTable table = OutboxTable.create("JSONB");
        new IntegrationTopics(bootstrap, names, 3, (short) 1).ensure(List.of(TOPIC));
        List<String> keys = IntStream.range(0, 12).mapToObj(i -> "user-" + i).toList();
        table.insertMany(TOPIC, keys, 400, 7);
        Instant before = Instant.now();

        OutboxRelay relay = relay(table, OutboxRelay.Settings.defaults().withBatchSize(50));
        relay.start();
        Awaiting.until("every row published", WAIT, () -> table.unpublished() == 0);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, names.physical(TOPIC), 400,
                WAIT, Duration.ofMillis(500));
        assertThat(records).hasSize(400);
        assertThat(Awaiting.sequencesByKey(records, codec)).as("each key's rows in position order")
                .isEqualTo(table.positionsByKey());
        Map<Long, String> ids = table.eventIdsByPosition();
        ConsumerRecord<String, byte[]> first = records.stream()
                .filter(record -> codec.decode(record.value()).aggregateSequence() == 1).findFirst().orElseThrow();
        IntegrationEvent event = codec.decode(first.value());
        assertThat(event.eventId()).isEqualTo(ids.get(1L));
        assertThat(event.type()).isEqualTo("Thing");
        assertThat(event.version()).as("from the declared versions").isEqualTo(3);
        assertThat(event.aggregateId()).isEqualTo("user-0").isEqualTo(first.key());
        assertThat(event.occurredAt()).isBefore(before.plusSeconds(1));
        assertThat(event.correlationId()).isNull();
        assertThat(event.payload().get("n").asInt()).isZero();
        assertThat(new String(first.headers().lastHeader("type").value(), StandardCharsets.UTF_8)).isEqualTo("Thing");
        assertThat(relay.publishedCount()).isEqualTo(400);
        assertThat(relay.failureCount()).isZero();
    }

    @Test
    void ofTwoRelaysOnOneTableOnlyTheLockHolderPublishesAndTheOtherTakesOverWhenItStops() throws Exception {
        OutboxTable table = OutboxTable.create("TEXT");
        new IntegrationTopics(bootstrap, names, 3, (short) 1).ensure(List.of(TOPIC));
        OutboxRelay.Settings settings = OutboxRelay.Settings.defaults().withBatchSize(20)
                .withLockRetryInterval(Duration.ofMillis(100));
        OutboxRelay a = relay(table, settings);
        OutboxRelay b = relay(table, settings);
        a.start();
        Awaiting.until("a holds the lock", WAIT, a::holdsLock);
        b.start();

        AtomicBoolean bothHeld = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                if (a.holdsLock() && b.holdsLock()) {
                    bothHeld.set(true);
                }
                Thread.onSpinWait();
            }
        });
        List<String> keys = List.of("k1", "k2", "k3", "k4", "k5");
        table.insertMany(TOPIC, keys, 150, 5);
        Awaiting.until("a published some", WAIT, () -> a.publishedCount() > 0);
        assertThat(b.holdsLock()).isFalse();
        assertThat(b.publishedCount()).isZero();

        a.stop();
        table.insertMany(TOPIC, keys, 150, 5);
        Awaiting.until("b took over and published everything", WAIT, () -> b.holdsLock() && table.unpublished() == 0);
        writing.set(false);
        watcher.join();

        assertThat(bothHeld).as("never two holders at once").isFalse();
        assertThat(b.publishedCount()).isPositive();
        assertThat(a.publishedCount() + b.publishedCount()).isEqualTo(300);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, names.physical(TOPIC), 300,
                WAIT, Duration.ofMillis(500));
        assertThat(records).as("no duplicates after a clean hand-over").hasSize(300);
        assertThat(new HashSet<>(records.stream().map(r -> codec.decode(r.value()).eventId()).toList()))
                .containsExactlyInAnyOrderElementsOf(table.eventIdsByPosition().values());
        assertThat(Awaiting.sequencesByKey(records, codec)).isEqualTo(table.positionsByKey());
    }

    @Test
    void aLowerPositionStillBeingCommittedIsWaitedForAndARolledBackOneIsPassedAfterTheGapTimeout() throws Exception {
        OutboxTable table = OutboxTable.create("JSONB");
        new IntegrationTopics(bootstrap, names, 3, (short) 1).ensure(List.of(TOPIC));
        OutboxRelay relay = relay(table, OutboxRelay.Settings.defaults().withGapTimeout(Duration.ofSeconds(3)));
        relay.start();

        long early;
        long late;
        try (Connection slow = table.dataSource.getConnection(); Connection fast = table.dataSource.getConnection()) {
            slow.setAutoCommit(false);
            early = table.insert(slow, TOPIC, "same-key", "Thing", "{\"n\":1}");
            late = table.insert(fast, TOPIC, "same-key", "Thing", "{\"n\":2}"); // autocommit: visible first
            Thread.sleep(1000);
            assertThat(table.unpublished()).as("the later row waits for the earlier one").isEqualTo(1);
            slow.commit();
        }
        Awaiting.until("both published", WAIT, () -> table.unpublished() == 0);
        assertThat(Awaiting.sequencesByKey(TopicReader.readAll(bootstrap, names.physical(TOPIC), 2, WAIT,
                Duration.ZERO), codec)).containsEntry("same-key", List.of(early, late));

        long afterGap;
        try (Connection aborted = table.dataSource.getConnection(); Connection fast = table.dataSource.getConnection()) {
            aborted.setAutoCommit(false);
            table.insert(aborted, TOPIC, "same-key", "Thing", "{\"n\":3}");
            afterGap = table.insert(fast, TOPIC, "same-key", "Thing", "{\"n\":4}");
            aborted.rollback();
        }
        long start = System.nanoTime();
        Awaiting.until("the row after the rolled-back position published", WAIT, () -> table.unpublished() == 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
        assertThat(Awaiting.sequencesByKey(TopicReader.readAll(bootstrap, names.physical(TOPIC), 3, WAIT,
                Duration.ZERO), codec)).containsEntry("same-key", List.of(early, late, afterGap));
    }

    private OutboxRelay relay(OutboxTable table, OutboxRelay.Settings settings) {
        IntegrationEventPublisher publisher = new IntegrationEventPublisher(
                IntegrationEventPublisher.Settings.defaults(bootstrap, "outbox-relay-it"), names, codec);
        OutboxRelay relay = new OutboxRelay(table.dataSource, publisher, EventTypeVersions.of("Thing", 3), settings);
        toClose.add(publisher);
        toClose.add(relay::stop);
        return relay;
    }
}
