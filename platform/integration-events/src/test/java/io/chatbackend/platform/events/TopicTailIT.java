package io.chatbackend.platform.events;

import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.TopicTail;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The group-less tail on the real broker: where it starts, what "caught up" promises, and its failure policy. */
class TopicTailIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "tailed.v1";
    private static final String OTHER = "tailed.other.v1";

    private final String bootstrap = SharedInfrastructure.endpoints().kafkaBootstrapServers();
    private final TopicNames names = new TopicNames(IsolatedData.uniqueName("tail") + ".");
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final IntegrationEventPublisher publisher = new IntegrationEventPublisher(
            IntegrationEventPublisher.Settings.defaults(bootstrap, "tail-it"), names, codec);
    private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    private final List<TopicTail> tails = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    @AfterEach
    void close() {
        tails.forEach(TopicTail::stop);
        publisher.close();
        admin.close();
    }

    @Test
    void fromTheBeginningEveryInstanceReadsEverythingOfEveryTopicAndThenFollows() throws Exception {
        ensure(3, TOPIC, OTHER);
        List<String> before = ids(publish(TOPIC, 0, 120, 7));
        List<String> beforeOther = ids(publish(OTHER, 0, 10, 3));

        // two instances: no group, so both see every partition
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        TopicTail a = tail(TopicTail.StartAt.BEGINNING, List.of(TOPIC, OTHER), (key, event) -> first.add(event.eventId()));
        TopicTail b = tail(TopicTail.StartAt.BEGINNING, List.of(TOPIC, OTHER), (key, event) -> second.add(event.eventId()));
        a.start();
        b.start();
        Awaiting.until("both rebuilt", WAIT, () -> a.caughtUpWithStart() && b.caughtUpWithStart());
        assertThat(first).containsExactlyInAnyOrderElementsOf(concat(before, beforeOther));
        assertThat(second).containsExactlyInAnyOrderElementsOf(concat(before, beforeOther));

        List<String> later = ids(publish(TOPIC, 120, 30, 7));
        assertThat(a.awaitCaughtUp(WAIT)).isTrue();
        assertThat(first).containsExactlyInAnyOrderElementsOf(concat(concat(before, beforeOther), later));
        assertThat(a.handledCount()).isEqualTo(160);
    }

    @Test
    void fromTheEndOnlyWhatIsPublishedAfterPositioningArrives() throws Exception {
        ensure(3, TOPIC);
        publish(TOPIC, 0, 50, 5);

        List<String> seen = new CopyOnWriteArrayList<>();
        TopicTail tail = tail(TopicTail.StartAt.END, List.of(TOPIC), (key, event) -> seen.add(event.eventId()));
        tail.start();
        Awaiting.until("positioned", WAIT, tail::positioned);
        assertThat(tail.caughtUpWithStart()).as("nothing before the start is wanted").isTrue();

        List<String> after = ids(publish(TOPIC, 50, 20, 5));
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(after);
    }

    @Test
    void caughtUpMeansEverythingUpToTheEndOffsetsAtTheCallWasHandled() throws Exception {
        ensure(3, TOPIC);
        Set<String> applied = ConcurrentHashMap.newKeySet();
        AtomicBoolean slow = new AtomicBoolean(true);
        TopicTail tail = tail(TopicTail.StartAt.BEGINNING, List.of(TOPIC), (key, event) -> {
            if (slow.get()) {
                Thread.sleep(2); // a handler slower than the publisher, so the call has something to wait for
            }
            applied.add(event.eventId());
        });
        tail.start();
        assertThat(tail.awaitCaughtUp(WAIT)).as("an empty topic is caught up at once").isTrue();

        for (int round = 0; round < 3; round++) {
            List<String> published = ids(publish(TOPIC, round * 200, 200, 9));
            // published (acknowledged) before the call, so within the end offsets the call reads
            assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
            assertThat(applied).as("round %d", round).containsAll(published);
        }

        // a handler that never finishes: the call answers false at its deadline, it does not hang or lie
        slow.set(false);
        CountDownBlocker blocker = new CountDownBlocker();
        TopicTail stuck = tail(TopicTail.StartAt.END, List.of(TOPIC), (key, event) -> blocker.block());
        stuck.start();
        Awaiting.until("positioned", WAIT, stuck::positioned);
        publish(TOPIC, 600, 1, 1);
        assertThat(stuck.awaitCaughtUp(Duration.ofMillis(500))).isFalse();
        blocker.release();
        assertThat(stuck.awaitCaughtUp(WAIT)).isTrue();
    }

    @Test
    void aMalformedRecordIsPassedOverAndAFailingHandlerGetsTheSameEventsAgain() throws Exception {
        ensure(1, TOPIC);
        List<String> first = ids(publish(TOPIC, 0, 5, 1));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(names.physical(TOPIC), "key-0",
                    "not an integration event".getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>(names.physical(TOPIC), "key-0",
                    "{\"type\":\"NoId\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
        List<String> second = ids(publish(TOPIC, 5, 5, 1));

        Set<String> failOnce = ConcurrentHashMap.newKeySet();
        failOnce.add(second.get(2));
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicTail tail = tail(TopicTail.StartAt.BEGINNING, List.of(TOPIC), (key, event) -> {
            seen.add(event.eventId());
            if (failOnce.remove(event.eventId())) {
                throw new IllegalStateException("state unavailable (test)");
            }
        });
        tail.start();
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();

        assertThat(tail.malformedCount()).isGreaterThanOrEqualTo(2);
        assertThat(tail.failureCount()).isEqualTo(1);
        // one partition: first deliveries in order, the failed batch came again, nothing skipped
        assertThat(seen.stream().distinct().toList()).containsExactlyElementsOf(concat(first, second));
        assertThat(seen).endsWith(second.get(4));
    }

    @Test
    void aTopicCreatedAfterTheStartIsWaitedForAndAStopEndsTheTail() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicTail tail = tail(TopicTail.StartAt.BEGINNING, List.of(TOPIC), (key, event) -> seen.add(event.eventId()));
        tail.start();
        assertThat(tail.awaitCaughtUp(Duration.ofMillis(300))).as("not positioned yet").isFalse();
        ensure(3, TOPIC);
        List<String> published = ids(publish(TOPIC, 0, 10, 3));
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(published);

        tail.stop(); // returns once the tail's thread has ended: nothing reaches the handler afterwards
        assertThat(tail.isRunning()).isFalse();
        publish(TOPIC, 10, 5, 3);
        assertThat(seen).hasSize(10);
    }

    /** A handler that blocks until released (the release is the test's, so no timing decides the outcome). */
    private static final class CountDownBlocker {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void block() throws InterruptedException {
            latch.await();
        }

        void release() {
            latch.countDown();
        }
    }

    /** Creates the topics; the platform waits until their partitions have leaders ready before it returns. */
    private void ensure(int partitions, String... topics) {
        new IntegrationTopics(bootstrap, names, partitions, (short) 1).ensure(List.of(topics));
    }

    private TopicTail tail(TopicTail.StartAt startAt, List<String> topics, IntegrationEventHandler handler) {
        TopicTail tail = new TopicTail(TopicTail.Settings.of(bootstrap, "tail-it", topics, startAt)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).withMaxPollRecords(50), names, codec,
                admin, handler);
        tails.add(tail);
        return tail;
    }

    private List<OutgoingEvent> publish(String topic, int from, int count, int keys) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String key = "key-" + (i % keys);
            events.add(new OutgoingEvent(topic, key, new IntegrationEvent("e-" + names.prefix() + topic + "-" + i,
                    "Item", 1, Instant.now(), key, sequence.incrementAndGet(), null, null,
                    codec.payloadOf(Map.of("n", i)))));
        }
        publisher.publishAll(events);
        return events;
    }

    private static List<String> ids(List<OutgoingEvent> events) {
        return events.stream().map(e -> e.event().eventId()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
