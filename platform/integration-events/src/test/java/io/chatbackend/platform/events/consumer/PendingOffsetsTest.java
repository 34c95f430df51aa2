package io.chatbackend.platform.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private static final TopicPartition A = new TopicPartition("t", 0);
    private static final TopicPartition B = new TopicPartition("t", 1);

    private final AtomicLong now = new AtomicLong(1_000);
    private final PendingOffsets pending = new PendingOffsets(Duration.ofSeconds(1), now::get);

    @Test
    void handledOffsetsWaitForTheIntervalAndTheLatestOfAPartitionIsCommitted() {
        assertThat(pending.due()).as("nothing to commit").isFalse();
        pending.add(Map.of(A, new OffsetAndMetadata(5)));
        pending.add(Map.of(A, new OffsetAndMetadata(9), B, new OffsetAndMetadata(2)));
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(pending.due()).isFalse();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(pending.due()).isTrue();
        assertThat(pending.drainAll()).containsExactlyInAnyOrderEntriesOf(Map.of(A, new OffsetAndMetadata(9),
                B, new OffsetAndMetadata(2)));
        assertThat(pending.isEmpty()).isTrue();

        pending.add(Map.of(A, new OffsetAndMetadata(12)));
        assertThat(pending.due()).as("the interval counts from the last commit").isFalse();
    }

    @Test
    void revokedPartitionsTakeOnlyTheirOwnOffsets() {
        pending.add(Map.of(A, new OffsetAndMetadata(5), B, new OffsetAndMetadata(7)));
        assertThat(pending.drain(List.of(B, new TopicPartition("t", 2))))
                .containsExactlyEntriesOf(Map.of(B, new OffsetAndMetadata(7)));
        assertThat(pending.drainAll()).containsExactlyEntriesOf(Map.of(A, new OffsetAndMetadata(5)));
    }
}
