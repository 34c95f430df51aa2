package io.chatbackend.platform.events;

import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.ReceivedEvent;
import io.chatbackend.platform.events.consumer.TopicReplay;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer loop (redelivery after handler failures, committed progress) and topic replay (bounded reads). */
class ConsumerAndReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "items.v1";

    private final String bootstrap = SharedInfrastructure.endpoints().kafkaBootstrapServers();
    private final TopicNames names = new TopicNames(IsolatedData.uniqueName("consumer") + ".");
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final IntegrationEventPublisher publisher = new IntegrationEventPublisher(
            IntegrationEventPublisher.Settings.defaults(bootstrap, "consumer-it"), names, codec);
    private final List<IntegrationEventConsumer> consumers = new ArrayList<>();

    @AfterEach
    void close() {
        consumers.forEach(IntegrationEventConsumer::stop);
        publisher.close();
    }

    @Test
    void aFailingHandlerGetsTheSameEventsAgainAndNothingIsSkippedOrLost() throws Exception {
        new IntegrationTopics(bootstrap, names, 3, (short) 1).ensure(List.of(TOPIC));
        List<OutgoingEvent> sent = publish(0, 300, 10);

        Set<String> failOnce = ConcurrentHashMap.newKeySet();
        failOnce.addAll(List.of(sent.get(40).event().eventId(), sent.get(41).event().eventId(),
                sent.get(222).event().eventId()));
        List<ReceivedEvent> seen = new CopyOnWriteArrayList<>();
        AtomicInteger thrown = new AtomicInteger();
        IntegrationEventHandler handler = (key, event) -> {
            seen.add(new ReceivedEvent(TOPIC, -1, -1, key, event));
            if (failOnce.remove(event.eventId())) {
                thrown.incrementAndGet();
                throw new IllegalStateException("read model unavailable (test)");
            }
        };
        IntegrationEventConsumer consumer = consumer("group-a", handler);
        consumer.start();
        Awaiting.until("all events handled", WAIT, () -> consumer.handledCount() >= 300 && failOnce.isEmpty());

        assertThat(consumer.failureCount()).isEqualTo(thrown.get()).isEqualTo(3);
        assertFirstDeliveriesInOrder(seen, sent);

        // progress was committed: a restarted consumer of the group sees only what is new
        consumer.stop();
        List<ReceivedEvent> afterRestart = new CopyOnWriteArrayList<>();
        IntegrationEventConsumer restarted = consumer("group-a",
                (key, event) -> afterRestart.add(new ReceivedEvent(TOPIC, -1, -1, key, event)));
        List<OutgoingEvent> more = publish(300, 30, 10);
        restarted.start();
        Awaiting.until("new events handled", WAIT, () -> afterRestart.size() >= 30);
        Thread.sleep(500);
        assertThat(afterRestart.stream().map(e -> e.event().eventId()).toList())
                .containsExactlyInAnyOrderElementsOf(more.stream().map(e -> e.event().eventId()).toList());
    }

    @Test
    void replayReadsExactlyUpToTheEndOffsetsTakenAtItsStartAndReportsProgress() throws Exception {
        new IntegrationTopics(bootstrap, names, 3, (short) 1).ensure(List.of(TOPIC));
        List<OutgoingEvent> sent = publish(0, 250, 8);

        List<ReceivedEvent> seen = new ArrayList<>();
        AtomicBoolean publishedDuringReplay = new AtomicBoolean();
        IntegrationEventHandler handler = new IntegrationEventHandler() {
            @Override
            public void handle(String key, IntegrationEvent event) {
                throw new UnsupportedOperationException("batches only");
            }

            @Override
            public void handleBatch(List<ReceivedEvent> events) {
                seen.addAll(events);
                if (publishedDuringReplay.compareAndSet(false, true)) {
                    publish(250, 40, 8); // live traffic while rebuilding: not part of this replay
                }
            }
        };
        List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
        TopicReplay.Result result = new TopicReplay(bootstrap, names, codec).replay(List.of(TOPIC), handler,
                (done, total) -> progress.add(new long[] {done, total}));

        assertThat(result.records()).isEqualTo(250);
        assertThat(result.events()).isEqualTo(250);
        assertThat(seen).hasSize(250);
        assertFirstDeliveriesInOrder(seen, sent);
        assertThat(progress.get(0)).containsExactly(0, 250);
        assertThat(progress.get(progress.size() - 1)).containsExactly(250, 250);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThan(progress.get(i - 1)[0]);
        }
        assertThat(new TopicReplay(bootstrap, names, codec).replay(List.of(TOPIC), (key, event) -> { },
                TopicReplay.Progress.NONE).records()).as("a later replay sees the later events").isEqualTo(290);
        assertThat(new TopicReplay(bootstrap, names, codec).replay(List.of("no.such.topic"), (key, event) -> { },
                TopicReplay.Progress.NONE).records()).isZero();
    }

    /** Every sent event was handled, and per key the first deliveries came in sending order. */
    private static void assertFirstDeliveriesInOrder(List<ReceivedEvent> seen, List<OutgoingEvent> sent) {
        Map<String, List<String>> sentByKey = new LinkedHashMap<>();
        sent.forEach(e -> sentByKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.event().eventId()));
        Map<String, LinkedHashSet<String>> firstSeenByKey = new LinkedHashMap<>();
        seen.forEach(e -> firstSeenByKey.computeIfAbsent(e.key(), k -> new LinkedHashSet<>()).add(e.event().eventId()));
        assertThat(firstSeenByKey.keySet()).containsExactlyInAnyOrderElementsOf(sentByKey.keySet());
        sentByKey.forEach((key, ids) -> assertThat(List.copyOf(firstSeenByKey.get(key))).as("key %s", key)
                .containsExactlyElementsOf(ids));
    }

    private final AtomicLong sequence = new AtomicLong();

    private List<OutgoingEvent> publish(int from, int count, int keys) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String key = "key-" + (i % keys);
            events.add(new OutgoingEvent(TOPIC, key, new IntegrationEvent("e-" + names.prefix() + i, "Item", 1,
                    Instant.now(), key, sequence.incrementAndGet(), null, null,
                    codec.payloadOf(Map.of("n", i)))));
        }
        publisher.publishAll(events);
        return events;
    }

    private IntegrationEventConsumer consumer(String group, IntegrationEventHandler handler) {
        IntegrationEventConsumer consumer = new IntegrationEventConsumer(IntegrationEventConsumer.Settings.of(
                bootstrap, names.prefix() + group, List.of(TOPIC)).withBackoff(Duration.ofMillis(50),
                Duration.ofMillis(400)).withMaxPollRecords(50), names, codec, handler);
        consumers.add(consumer);
        return consumer;
    }
}
