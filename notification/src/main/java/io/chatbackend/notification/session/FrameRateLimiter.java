package io.chatbackend.notification.session;

import java.util.function.LongSupplier;

/**
 * How many frames one session's client may send: {@code framesPerSecond} on average, with a burst of {@code burst}
 * frames at once (a reconnecting client sends its resume, presence subscription and a few acks together).
 *
 * <p>A token bucket kept as one number (GCRA, the "generic cell rate algorithm"): the time at which the bucket would
 * be full again. Each frame pushes it one emission interval later; a frame that would push it beyond {@code burst}
 * intervals ahead of now is refused. One long per session, no timer and no allocation per frame, because a node
 * holds ~100,000 sessions.
 *
 * <p>Thread-safe (frames of one session arrive one at a time, so the lock is never contended).
 */
public final class FrameRateLimiter {

    private final long emissionIntervalNanos;
    /** How far ahead of now the bucket's "full again" time may be: burst - 1 intervals. */
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    /** When the bucket is full again (the theoretical arrival time of the next frame). */
    private long fullAt;

    /**
     * @param framesPerSecond the sustained rate (at least 1)
     * @param burst           frames accepted at once from a full bucket (at least 1)
     * @param nanoClock       a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    public FrameRateLimiter(int framesPerSecond, int burst, LongSupplier nanoClock) {
        if (framesPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("framesPerSecond and burst must be at least 1");
        }
        this.emissionIntervalNanos = 1_000_000_000L / framesPerSecond;
        this.toleranceNanos = (burst - 1) * emissionIntervalNanos;
        this.nanoClock = nanoClock;
        this.fullAt = nanoClock.getAsLong();
    }

    /** Takes one frame's token: true if the frame may be handled, false if the client is over its rate. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        // compared by difference: nanoTime values may be negative and are only meaningful relative to each other
        long start = fullAt - now < 0 ? now : fullAt;
        if (start - now > toleranceNanos) {
            return false;
        }
        fullAt = start + emissionIntervalNanos;
        return true;
    }
}
