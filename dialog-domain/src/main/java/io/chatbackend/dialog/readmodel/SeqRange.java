package io.chatbackend.dialog.readmodel;

/**
 * An inclusive range {@code [first, last]} of a dialog's dialogSeqs that one viewer may read; empty when
 * {@code last < first}.
 *
 * <p>Requests carry whatever {@code long} a client sends ({@code Long.MAX_VALUE} included), so the bounds are
 * computed here without overflow (no {@code afterSeq + 1} that wraps to a negative number), and every range is
 * clamped to the dialog's last dialogSeq. A read over a range therefore visits at most as many timeline buckets as
 * the dialog really has, whatever the numbers in the request.
 */
public record SeqRange(long first, long last) {

    /** Timeline buckets are {@code int}s: no row of the timeline lives in a bucket above this. */
    static final long LAST_BUCKET = Integer.MAX_VALUE;

    public SeqRange {
        if (first < 1 || last < 0) {
            throw new IllegalArgumentException("dialogSeqs start at 1, not [" + first + ", " + last + "]");
        }
    }

    /**
     * History strictly after {@code afterSeq} and strictly before {@code beforeSeq} (either may be absent), from
     * the viewer's {@code joinedAtSeq} on, up to the dialog's {@code lastSeq}.
     */
    public static SeqRange between(Long afterSeq, Long beforeSeq, long joinedAtSeq, long lastSeq) {
        long first = Math.max(Math.max(1, joinedAtSeq), afterSeq == null ? 1 : successor(afterSeq));
        long last = Math.min(lastSeq, beforeSeq == null ? Long.MAX_VALUE : predecessor(beforeSeq));
        return new SeqRange(first, Math.max(0, last));
    }

    /**
     * {@code [fromSeq, toSeq]} as the viewer may read it: raised to their {@code joinedAtSeq}, lowered to the
     * dialog's {@code lastSeq} (nothing exists beyond it, so a range reaching further digests the same messages).
     */
    public static SeqRange within(long fromSeq, long toSeq, long joinedAtSeq, long lastSeq) {
        long first = Math.max(Math.max(1, joinedAtSeq), fromSeq);
        long last = Math.min(toSeq, lastSeq);
        return new SeqRange(first, Math.max(0, last));
    }

    public boolean isEmpty() {
        return last < first;
    }

    /** How many dialogSeqs the range holds; never overflows, as {@code first ≥ 1}. */
    public long size() {
        return isEmpty() ? 0 : last - first + 1;
    }

    /** The timeline bucket of {@link #first()} (a {@code long}: loops over buckets must not wrap around). */
    public long firstBucket() {
        return bucketOf(first);
    }

    /** The timeline bucket of {@link #last()}, at most {@link #LAST_BUCKET} (no row lives beyond it). */
    public long lastBucket() {
        return Math.min(bucketOf(last), LAST_BUCKET);
    }

    /** How many timeline partitions a read of the whole range queries (0 when empty). */
    public long bucketCount() {
        return isEmpty() || firstBucket() > lastBucket() ? 0 : lastBucket() - firstBucket() + 1;
    }

    private static long bucketOf(long dialogSeq) {
        return dialogSeq / DialogReadModels.BUCKET_SIZE;
    }

    private static long successor(long seq) {
        return seq == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, seq + 1);
    }

    private static long predecessor(long seq) {
        return seq <= 1 ? 0 : seq - 1;
    }
}
