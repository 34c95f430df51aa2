package io.chatbackend.notification.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The node's current share of the deliveries topic, as its consumer's rebalance listener reports it, and who must
 * hear about each new share (the registration in user-client, the sessions that moved away).
 */
public final class PartitionOwnership implements Consumer<Assignment> {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final List<Consumer<Assignment>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Assignment current;

    public void subscribe(Consumer<Assignment> subscriber) {
        subscribers.add(subscriber);
    }

    /** The last assignment; empty before the consumer joined its group. */
    public Optional<Assignment> current() {
        return Optional.ofNullable(current);
    }

    /** A rebalance completed (called on the consumer's thread: subscribers must not block). */
    @Override
    public void accept(Assignment assignment) {
        current = assignment;
        log.info("Deliveries partitions of this node: {} of {}", assignment.partitions(),
                assignment.partitionCount());
        for (Consumer<Assignment> subscriber : subscribers) {
            try {
                subscriber.accept(assignment);
            } catch (RuntimeException e) {
                log.warn("Reacting to a new assignment failed: {}", e.toString());
            }
        }
    }
}
