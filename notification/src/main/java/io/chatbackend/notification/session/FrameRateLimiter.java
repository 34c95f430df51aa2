package io.chatbackend.notification.session;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many frames one session's client may send: {@code framesPerSecond} on average, with a burst of {@code burst}
 * frames at once (a reconnecting client sends its resume, presence subscription and a few acks together). A Bucket4j
 * token bucket, as everywhere else in the system; one small bucket per session, no timer.
 */
public final class FrameRateLimiter {

    private final Bucket bucket;

    /**
     * @param framesPerSecond the sustained rate (at least 1)
     * @param burst           frames accepted at once from a full bucket (at least 1)
     * @param nanoClock       a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    public FrameRateLimiter(int framesPerSecond, int burst, LongSupplier nanoClock) {
        if (framesPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("framesPerSecond and burst must be at least 1");
        }
        long origin = nanoClock.getAsLong();
        // measured from this session's start: nanoTime values mean something only relative to each other
        TimeMeter sinceStart = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong() - origin;
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(framesPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(sinceStart)
                // frames of one session arrive one at a time: no contention to pay a lock-free protocol for
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
                .build();
    }

    /** Takes one frame's token: true if the frame may be handled, false if the client is over its rate. */
    public boolean tryAcquire() {
        return bucket.tryConsume(1);
    }
}
