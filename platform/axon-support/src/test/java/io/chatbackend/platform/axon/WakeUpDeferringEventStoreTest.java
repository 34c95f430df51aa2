package io.chatbackend.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

class WakeUpDeferringEventStoreTest {

    /** Long, so that "at once" and "deferred" stay apart on a loaded machine. */
    private static final Duration DEFER_BY = Duration.ofSeconds(2);

    record Begun(int n) {
    }

    record Sent(int n) {
    }

    // the reader polls only every minute, so whatever the stream sees sooner came from a wake-up
    private final WakeUpDeferringEventStore store = new WakeUpDeferringEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(60_000),
            TrackingWakeUps.deferring(DEFER_BY, Begun.class));

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aCommitOfDeferrableEventsReachesTheProcessorsOnlyAfterTheDeferral() throws Exception {
        TrackingEventStream stream = caughtUpStream();

        store.publish(asEventMessage(new Begun(1)));

        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).as("not woken at once").isFalse();
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("woken after the deferral").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo(new Begun(1));
    }

    @Test
    void anyOtherCommitWakesThemAtOnce_andCarriesTheDeferredEventsAlong() throws Exception {
        TrackingEventStream stream = caughtUpStream();

        store.publish(asEventMessage(new Begun(1)));
        store.publish(asEventMessage(new Sent(1)));

        long deadline = System.nanoTime() + DEFER_BY.toNanos() / 2;
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo(new Begun(1));
        assertThat(stream.nextAvailable().getPayload()).isEqualTo(new Sent(1));
        assertThat(System.nanoTime()).as("read before the deferred wake-up was due").isLessThan(deadline);
    }

    @Test
    void onlyACommitOfNothingButDeferrableTypesMayWait() {
        TrackingWakeUps wakeUps = TrackingWakeUps.deferring(DEFER_BY, Begun.class);

        assertThat(wakeUps.mayDefer(List.of(asEventMessage(new Begun(1)), asEventMessage(new Begun(2))))).isTrue();
        assertThat(wakeUps.mayDefer(List.of(asEventMessage(new Begun(1)), asEventMessage(new Sent(1))))).isFalse();
        assertThat(TrackingWakeUps.immediate().mayDefer(List.of(asEventMessage(new Begun(1))))).isFalse();
    }

    /** A tailing stream that has read everything, so that the reader now waits for a wake-up. */
    private TrackingEventStream caughtUpStream() throws InterruptedException {
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
        return stream;
    }
}
