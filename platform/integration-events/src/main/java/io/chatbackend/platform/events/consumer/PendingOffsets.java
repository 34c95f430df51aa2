package io.chatbackend.platform.events.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of handled batches that are not committed yet, and when they are due: a group commit is a request to
 * the broker and a write to its offsets topic, so a busy consumer commits what it handled at most once per interval
 * rather than after every poll (an idle poll, a revocation and a stop commit at once). Nothing but handled batches
 * is ever added, so nothing unhandled is committed; what a crash leaves uncommitted is delivered again, which
 * handlers must bear anyway.
 */
final class PendingOffsets {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private long lastDrained;

    PendingOffsets(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastDrained = nanoClock.getAsLong();
    }

    /** A handled batch's next offsets; a later batch's offset of the same partition replaces an earlier one. */
    void add(Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
        pending.putAll(nextOffsets);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Whether something waits and the interval since the last commit has passed. */
    boolean due() {
        return !pending.isEmpty() && nanoClock.getAsLong() - lastDrained >= intervalNanos;
    }

    /** Everything pending, to be committed now. */
    Map<TopicPartition, OffsetAndMetadata> drainAll() {
        Map<TopicPartition, OffsetAndMetadata> all = Map.copyOf(pending);
        pending.clear();
        lastDrained = nanoClock.getAsLong();
        return all;
    }

    /** What is pending for these partitions (e.g. revoked ones), to be committed before they go. */
    Map<TopicPartition, OffsetAndMetadata> drain(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> some = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = pending.remove(partition);
            if (offset != null) {
                some.put(partition, offset);
            }
        }
        return some;
    }
}
