package io.chatbackend.platform.snowflake;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Issues unique, time-ordered 64-bit ids. It refuses (rather than risk a duplicate) when its generator lease is
 * not valid or when the wall clock is behind the last id it issued; it resumes once the clock has caught up.
 */
public class SnowflakeGenerator {

    private final Supplier<GeneratorLease> lease;
    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private long lastMillis = -1;
    private int sequence;
    private int generatorOfLast = -1;
    private long issuedUntilOfLast = -1;

    public SnowflakeGenerator(Supplier<GeneratorLease> lease, LongSupplier wallMillis, LongSupplier monotonicNanos) {
        this.lease = lease;
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
    }

    public static SnowflakeGenerator withSystemClock(Supplier<GeneratorLease> lease) {
        return new SnowflakeGenerator(lease, System::currentTimeMillis, System::nanoTime);
    }

    public synchronized long nextId() {
        GeneratorLease current = lease.get();
        if (current == null || !current.validAt(monotonicNanos.getAsLong())) {
            throw new IdGenerationUnavailableException("the generator lease is not valid");
        }
        if (current.generatorId() != generatorOfLast || current.issuedUntilMillis() != issuedUntilOfLast) {
            // a new lease: never below what any earlier holder of this generator id may have issued
            lastMillis = Math.max(lastMillis, current.issuedUntilMillis());
            generatorOfLast = current.generatorId();
            issuedUntilOfLast = current.issuedUntilMillis();
            sequence = SnowflakeLayout.MAX_SEQUENCE; // forces the next millisecond
        }
        long now = wallMillis.getAsLong();
        if (now < lastMillis) {
            throw new IdGenerationUnavailableException("the clock is " + (lastMillis - now)
                    + " ms behind the last issued id");
        }
        if (now == lastMillis) {
            if (sequence == SnowflakeLayout.MAX_SEQUENCE) {
                now = awaitNextMillisecond(lastMillis);
                sequence = 0;
            } else {
                sequence++;
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return SnowflakeLayout.compose(now, current.generatorId(), sequence);
    }

    private long awaitNextMillisecond(long after) {
        long now = wallMillis.getAsLong();
        long spins = 0;
        while (now <= after) {
            if (++spins > 10_000_000) {
                throw new IdGenerationUnavailableException("the clock does not advance");
            }
            Thread.onSpinWait();
            now = wallMillis.getAsLong();
        }
        return now;
    }
}
