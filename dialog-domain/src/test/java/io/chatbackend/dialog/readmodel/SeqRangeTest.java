package io.chatbackend.dialog.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeqRangeTest {

    private static final long LAST = 7;

    @Test
    void historyWithoutBoundsIsEverythingFromJoiningToTheLastMessage() {
        assertThat(SeqRange.between(null, null, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.between(null, null, 4, LAST)).isEqualTo(new SeqRange(4, 7));
        assertThat(SeqRange.between(null, null, 0, LAST)).as("dialogSeqs start at 1").isEqualTo(new SeqRange(1, 7));
    }

    @Test
    void afterAndBeforeAreExclusive() {
        assertThat(SeqRange.between(2L, 5L, 1, LAST)).isEqualTo(new SeqRange(3, 4));
        assertThat(SeqRange.between(0L, null, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.between(null, 100L, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.between(7L, null, 1, LAST).isEmpty()).isTrue();
        assertThat(SeqRange.between(null, 1L, 1, LAST).isEmpty()).isTrue();
    }

    @Test
    void extremeRequestValuesGiveEmptyOrClampedRangesWithoutOverflow() {
        SeqRange afterTheEnd = SeqRange.between(Long.MAX_VALUE, null, 1, LAST);
        assertThat(afterTheEnd.isEmpty()).as("afterSeq + 1 must not wrap to Long.MIN_VALUE").isTrue();
        assertThat(afterTheEnd.size()).isZero();
        assertThat(afterTheEnd.bucketCount()).isZero();

        assertThat(SeqRange.between(null, Long.MAX_VALUE, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.between(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1, LAST).isEmpty()).isTrue();
        assertThat(SeqRange.between(Long.MIN_VALUE, Long.MIN_VALUE, 1, LAST).isEmpty())
                .as("validated away by the controllers, and still harmless here").isTrue();
        assertThat(SeqRange.between(-5L, null, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.between(null, null, Long.MAX_VALUE, LAST).isEmpty()).isTrue();
    }

    @Test
    void digestRangesAreRaisedToJoiningAndLoweredToTheLastMessage() {
        assertThat(SeqRange.within(2, 5, 1, LAST)).isEqualTo(new SeqRange(2, 5));
        assertThat(SeqRange.within(1, 5, 4, LAST)).isEqualTo(new SeqRange(4, 5));
        assertThat(SeqRange.within(1, Long.MAX_VALUE, 1, LAST)).isEqualTo(new SeqRange(1, 7));
        assertThat(SeqRange.within(1, Long.MAX_VALUE, 1, LAST).size()).isEqualTo(7);

        SeqRange bucketTwoToTheThirtyOne = SeqRange.within(2_147_483_647_000L, 2_147_483_647_000L, 1, LAST);
        assertThat(bucketTwoToTheThirtyOne.isEmpty()).isTrue();
        assertThat(bucketTwoToTheThirtyOne.bucketCount()).isZero();
        assertThat(SeqRange.within(Long.MAX_VALUE, Long.MAX_VALUE, 1, LAST).bucketCount()).isZero();
        assertThat(SeqRange.within(3, 9, 1, 0).isEmpty()).as("a dialog without messages").isTrue();
    }

    @Test
    void bucketsAreCountedInLongsAndStopAtTheLastIntBucket() {
        assertThat(new SeqRange(1, 999).bucketCount()).isEqualTo(1);
        assertThat(new SeqRange(999, 1000).bucketCount()).isEqualTo(2);
        assertThat(new SeqRange(999, 100_998).bucketCount()).as("the widest digest").isEqualTo(101);

        SeqRange lastIntBucket = new SeqRange(2_147_483_647_000L, 2_147_483_647_000L);
        assertThat(lastIntBucket.firstBucket()).isEqualTo(Integer.MAX_VALUE);
        assertThat(lastIntBucket.lastBucket()).isEqualTo(Integer.MAX_VALUE);
        assertThat(lastIntBucket.bucketCount()).isEqualTo(1);

        SeqRange beyondIntBuckets = new SeqRange(2_147_483_647_000L, Long.MAX_VALUE);
        assertThat(beyondIntBuckets.lastBucket()).isEqualTo(Integer.MAX_VALUE);
        assertThat(beyondIntBuckets.bucketCount()).isEqualTo(1);
        assertThat(new SeqRange(Long.MAX_VALUE, Long.MAX_VALUE).bucketCount())
                .as("no timeline row lives beyond bucket 2^31 - 1").isZero();
        assertThat(new SeqRange(1, Long.MAX_VALUE).size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesRangesOutsideTheDialogSeqs() {
        assertThatThrownBy(() -> new SeqRange(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeqRange(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
