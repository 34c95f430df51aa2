package io.chatbackend.platform.axon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, except that a commit of only {@link TrackingWakeUps#deferrableTypes() deferrable}
 * events does not wake the tracking processors' reader at once: at most one wake-up is scheduled per
 * {@link TrackingWakeUps#deferBy()}, and any other commit meanwhile wakes the reader, which then reads everything
 * committed so far. What the processors see, and in which order, is unchanged; only when they see it.
 */
public class WakeUpDeferringEventStore extends EmbeddedEventStore {

    private final TrackingWakeUps wakeUps;
    private final AtomicBoolean wakeUpScheduled = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tracking-wake-ups");
        thread.setDaemon(true);
        return thread;
    });

    public WakeUpDeferringEventStore(EmbeddedEventStore.Builder builder, TrackingWakeUps wakeUps) {
        super(builder);
        this.wakeUps = wakeUps;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (!wakeUps.mayDefer(events)) {
            super.afterCommit(events);
        } else if (wakeUpScheduled.compareAndSet(false, true)) {
            try {
                // the wake-up needs no events (the reader reads from the store): the window keeps none alive
                scheduler.schedule(() -> {
                    wakeUpScheduled.set(false);
                    super.afterCommit(List.of());
                }, wakeUps.deferBy().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                super.afterCommit(events);
            }
        }
    }

    @Override
    public void shutDown() {
        scheduler.shutdownNow();
        super.shutDown();
    }
}
