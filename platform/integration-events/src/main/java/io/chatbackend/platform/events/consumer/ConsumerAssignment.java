package io.chatbackend.platform.events.consumer;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a group consumer holds after a rebalance, by logical topic name: the partitions assigned to it and how many
 * partitions each topic has (e.g. to tell which keys this instance receives).
 *
 * @param held            per topic, the partitions assigned to this consumer (ascending; a topic with none is absent
 *                        or empty)
 * @param partitionCounts per topic subscribed, its number of partitions
 */
public record ConsumerAssignment(Map<String, SortedSet<Integer>> held, Map<String, Integer> partitionCounts) {

    public ConsumerAssignment {
        held = held.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> java.util.Collections.unmodifiableSortedSet(new TreeSet<>(entry.getValue()))));
        partitionCounts = Map.copyOf(partitionCounts);
    }

    /** The partitions of {@code topic} assigned to this consumer (empty if none). */
    public Set<Integer> heldOf(String topic) {
        return held.getOrDefault(topic, java.util.Collections.emptySortedSet());
    }
}
