package io.chatbackend.notification.routing;

import io.chatbackend.notification.userclient.UserClientApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
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
public final class NodeAnnouncer implements Consumer<Assignment> {

    private static final Logger log = LoggerFactory.getLogger(NodeAnnouncer.class);

    private final UserClientApi api;
    private final NodeIdentity self;
    private final PartitionOwnership ownership;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public NodeAnnouncer(UserClientApi api, NodeIdentity self, PartitionOwnership ownership) {
        this.api = api;
        this.self = self;
        this.ownership = ownership;
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
        api.registerNode(self.nodeId(), self.wsUrl(), assignment.partitionCount(), List.copyOf(assignment.partitions()))
                .doFinally(signal -> {
                    inFlight.set(false);
                    if (again.get()) {
                        announce();
                    }
                })
                .subscribe(null, error -> log.warn("Node {} not registered in user-client: {}", self.nodeId(),
                        error.toString()));
    }
}
