package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * A handler that applies each polled batch inside one unit of work the caller supplies (typically one database
 * transaction: {@code work -> transactions.executeWithoutResult(status -> work.run())}); a single event gets a unit
 * of its own. If the unit fails, the consumer delivers the batch again, so {@link #apply} must be idempotent.
 */
public abstract class OneUnitPerBatchHandler implements IntegrationEventHandler {

    private final Consumer<Runnable> unit;

    protected OneUnitPerBatchHandler(Consumer<Runnable> unit) {
        this.unit = unit;
    }

    @Override
    public final void handleBatch(List<ReceivedEvent> events) {
        unit.accept(() -> events.forEach(received -> apply(received.event())));
    }

    @Override
    public final void handle(String key, IntegrationEvent event) {
        unit.accept(() -> apply(event));
    }

    /** Applies one event inside the current unit of work. */
    protected abstract void apply(IntegrationEvent event);
}
