package io.chatbackend.platform.axon;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

class LingeringEventSourceTest {

    private static final Duration LINGER = Duration.ofSeconds(1);

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final LingeringEventSource source = new LingeringEventSource(store, LINGER);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aBatchWaitsTheLingerOnceItsFirstEventCame_andTakesWhatArrivedMeanwhile() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();

        store.publish(asEventMessage("first"));
        CompletableFuture.runAsync(() -> store.publish(asEventMessage("second")),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        long asked = System.nanoTime();

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - asked).as("lingered").isGreaterThanOrEqualTo(LINGER.toNanos());
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
        assertThat(stream.peek()).as("what came during the linger is there at once").isPresent();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void tokensAreTheSourcesOwn() {
        store.publish(asEventMessage("one"));

        assertThat(source.createHeadToken()).isEqualTo(store.createHeadToken());
        assertThat(source.createTailToken()).isEqualTo(store.createTailToken());
    }
}
