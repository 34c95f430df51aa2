package io.chatbackend.notification.routing;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The partitions of the deliveries topic this node's consumer holds after a rebalance.
 *
 * @param partitionCount how many partitions the topic has
 * @param partitions     the ones assigned to this node (ascending)
 */
public record Assignment(int partitionCount, Set<Integer> partitions) {

    public Assignment {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be at least 1");
        }
        partitions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    /** Whether this node receives the user's deliveries. */
    public boolean holds(UUID userId) {
        return partitions.contains(DeliveryPartitions.of(userId, partitionCount));
    }
}
