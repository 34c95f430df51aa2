package io.chatbackend.platform.cassandra.readmodel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison's slices of the Murmur3 ring are contiguous and cover all of it. */
class TableComparatorTest {

    @Test
    void slicesCoverTheWholeRingWithoutGapsOrOverlap() {
        for (int n : new int[] {1, 2, 7, 64}) {
            List<long[]> ranges = TableComparator.ranges(n);
            assertThat(ranges).hasSize(n);
            assertThat(ranges.get(0)[0]).isEqualTo(Long.MIN_VALUE);
            assertThat(ranges.get(n - 1)[1]).isEqualTo(Long.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                assertThat(ranges.get(i)[0]).isLessThan(ranges.get(i)[1]);
                if (i > 0) {
                    assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
                }
            }
        }
    }
}
