package io.chatbackend.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replays a context's whole event store, in global order, into asynchronous writes (a read-model rebuild): up to
 * {@code window} writes stay in flight at once, so the projection must not depend on the order its writes land in.
 * Reports the total (the highest global index) first, then progress in global-index positions.
 */
public final class EventStoreReplay {

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final int window;

    public EventStoreReplay(EventStorageEngine events, JdbcTemplate jdbc, int window) {
        this.events = events;
        this.jdbc = jdbc;
        this.window = window;
    }

    /**
     * Feeds every stored event to {@code writes} and waits for all writes.
     *
     * @param writes starts the writes for one event and returns them (empty for events it ignores)
     * @param total  told the highest global index at the start
     * @param done   told the global index reached after each window of writes, and finally the total
     */
    public void replay(Function<EventMessage<?>, List<CompletableFuture<?>>> writes, LongConsumer total,
                       LongConsumer done) {
        Long last = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        long end = last == null ? 0 : last;
        total.accept(end);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            stream.forEach(event -> {
                inFlight.addAll(writes.apply(event));
                if (inFlight.size() >= window) {
                    await(inFlight);
                    event.trackingToken().position().ifPresent(done);
                }
            });
        }
        await(inFlight);
        done.accept(end);
    }

    private static void await(List<CompletableFuture<?>> inFlight) {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        inFlight.clear();
    }
}
