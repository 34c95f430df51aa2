package io.chatbackend.notification.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps this node's row in user-client's node registry current: registers the node's public WebSocket URL and its
 * deliveries partitions after every rebalance (it subscribes to {@link PartitionOwnership}) and on every heartbeat
 * tick (which keeps the row alive within the registry's TTL). Best effort: a failure is logged and the next tick
 * tries again; tickets fall back to this node while the registry is unreachable.
 *
 * <p>One registration is in flight at a time and each sends the assignment current when it starts; a rebalance
 * during a call is sent right after it, so user-client never ends with an older set than the node holds.
 */
public final class NodeAnnouncer implements Consumer<Assignment>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeAnnouncer.class);

    private final NodesApi api;
    private final NodeIdentity self;
    private final PartitionOwnership ownership;
    private final Duration interval;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledExecutorService timer;

    public NodeAnnouncer(NodesApi api, NodeIdentity self, PartitionOwnership ownership, Duration interval) {
        this.api = api;
        this.self = self;
        this.ownership = ownership;
        this.interval = interval;
    }

    /** A rebalance completed: register the new share now. */
    @Override
    public void accept(Assignment assignment) {
        announce();
    }

    /** Registers the current assignment (nothing before the first one). Also called by the timer. */
    public void announce() {
        if (ownership.current().isEmpty()) {
            return;
        }
        again.set(true);
        if (!inFlight.compareAndSet(false, true)) {
            return; // the call under way sends again when it ends
        }
        again.set(false);
        Assignment assignment = ownership.current().orElseThrow();
        api.register(self.nodeId(), self.wsUrl(), assignment)
                .doFinally(signal -> {
                    inFlight.set(false);
                    if (again.get()) {
                        announce();
                    }
                })
                .subscribe(null, error -> log.warn("Node {} not registered in user-client: {}", self.nodeId(),
                        error.toString()));
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "node-announcements");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                announce();
            } catch (RuntimeException e) {
                log.warn("Node registration failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
