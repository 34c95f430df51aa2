package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEvent;

import java.util.List;

/**
 * Handles integration events read from Kafka, by {@link IntegrationEventConsumer} (live) or {@link TopicReplay}
 * (rebuild). Delivery is at least once and in order per key: a handler must be idempotent (the event id and the
 * aggregate sequence make that cheap). Throwing makes the consumer back off and deliver the same events again.
 */
@FunctionalInterface
public interface IntegrationEventHandler {

    /** Handles one event; {@code key} is the Kafka record key (e.g. a dialog id or user id). */
    void handle(String key, IntegrationEvent event) throws Exception;

    /**
     * Handles the events of one poll, in partition order. Override to write a batch at once (e.g. one database
     * transaction per batch); the default hands them to {@link #handle} one by one.
     */
    default void handleBatch(List<ReceivedEvent> events) throws Exception {
        for (ReceivedEvent event : events) {
            handle(event.key(), event.event());
        }
    }
}
