package io.chatbackend.platform.cassandra.readmodel;

/**
 * How a replay reports progress, in any unit it likes (events, rows); the rebuild's status shows done/total, a rate
 * and an estimated time left from it. Thread-safe. A call may throw {@link RebuildAbortedException} when the rebuild
 * lost its claim on the model; the replay should let it propagate.
 */
public interface ProgressListener {

    /** The expected total (may be refined while the replay runs). */
    void total(long total);

    /** How much is done so far (monotonic). */
    void done(long done);

    /** Adds {@code delta} to what is done. */
    void advance(long delta);
}
