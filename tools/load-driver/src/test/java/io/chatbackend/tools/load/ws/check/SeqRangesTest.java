package io.chatbackend.tools.load.ws.check;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SeqRangesTest {

    @Test
    void inOrderNumbersStayOneRange() {
        SeqRanges ranges = new SeqRanges();
        for (long seq = 1; seq <= 1_000; seq++) {
            assertThat(ranges.add(seq)).isTrue();
        }
        assertThat(ranges).hasToString("[1..1000]");
        assertThat(ranges.contiguousAfter(0)).isEqualTo(1_000);
        assertThat(ranges.add(500)).isFalse();
    }

    @Test
    void holesAreKeptAndFilled() {
        SeqRanges ranges = new SeqRanges();
        for (long seq : new long[] {1, 2, 5, 9, 7, 8}) {
            ranges.add(seq);
        }
        assertThat(ranges).hasToString("[1..2, 5, 7..9]");
        assertThat(ranges.contiguousAfter(0)).isEqualTo(2);
        assertThat(ranges.contiguousAfter(4)).isEqualTo(5);
        assertThat(ranges.contiguousAfter(5)).isEqualTo(5);
        ranges.add(6);
        ranges.add(3);
        ranges.add(4);
        assertThat(ranges).hasToString("[1..9]");
        assertThat(ranges.size()).isEqualTo(9);
    }

    @Test
    void agreesWithASetInAnyOrder() {
        Random random = new Random(7);
        SeqRanges ranges = new SeqRanges();
        TreeSet<Long> set = new TreeSet<>();
        for (int i = 0; i < 5_000; i++) {
            long seq = 1 + random.nextInt(2_000);
            assertThat(ranges.add(seq)).isEqualTo(set.add(seq));
        }
        for (long seq = 0; seq <= 2_001; seq++) {
            assertThat(ranges.contains(seq)).isEqualTo(set.contains(seq));
        }
        assertThat(ranges.size()).isEqualTo(set.size());
        long contiguous = 0;
        while (set.contains(contiguous + 1)) {
            contiguous++;
        }
        assertThat(ranges.contiguousAfter(0)).isEqualTo(contiguous);
    }
}
