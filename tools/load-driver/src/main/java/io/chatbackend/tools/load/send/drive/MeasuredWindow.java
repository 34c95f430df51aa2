package io.chatbackend.tools.load.send.drive;

/**
 * The part of a run that counts: sends intended in {@code [startNanos, endNanos)}; the warmup before it only
 * brings the system (JIT, caches, connection pools) to its steady state.
 */
public record MeasuredWindow(long startNanos, long endNanos) {

    public static MeasuredWindow after(long runStartNanos, int warmupSeconds, int seconds) {
        long start = runStartNanos + warmupSeconds * 1_000_000_000L;
        return new MeasuredWindow(start, start + seconds * 1_000_000_000L);
    }

    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    public int seconds() {
        return (int) ((endNanos - startNanos) / 1_000_000_000L);
    }
}
