package io.chatbackend.tools.load.common.drive;

import io.chatbackend.tools.load.common.figures.LatencySummary;
import org.HdrHistogram.Histogram;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers sends at the schedule's times, whatever the system answers: one thread starts each send at its
 * intended time and never waits for answers. Only the number of sends in flight is bounded ({@code maxInFlight},
 * so a stalled system cannot exhaust the driver's sockets); when the bound is reached the thread waits for a slot,
 * the wait is counted and reported, and the delayed sends still count their latency from their intended time.
 *
 * <p>Since every latency counts from the intended time, a driver that starts sends late adds its own lateness to the
 * system's figures: the run reports how late each send was started and how long starting one took (the issuer's
 * synchronous part), so a reader can tell the driver's delays from the system's.
 */
public final class OpenLoopDriver {

    /** Starts send {@code index} now; the future completes once its answer is filed, never exceptionally. */
    public interface Issuer {
        CompletableFuture<?> issue(long index, long intendedNanos);
    }

    private final OpenLoopSchedule schedule;
    private final Issuer issuer;
    private final Semaphore inFlight;
    private final AtomicLong limitHits = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();
    /** Written by the one thread that runs the schedule, read after {@link #run} returns (no lock needed). */
    private final Histogram lateness = new Histogram(3);
    private final Histogram issueTimes = new Histogram(3);

    public OpenLoopDriver(OpenLoopSchedule schedule, Issuer issuer, int maxInFlight) {
        this.schedule = schedule;
        this.issuer = issuer;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Runs the whole schedule, then waits (at most {@code drainSeconds}) for the last answers. */
    public void run(int drainSeconds) throws InterruptedException {
        int maxInFlight = inFlight.availablePermits();
        for (long index = 0; index < schedule.totalSends(); index++) {
            long intended = schedule.intendedAt(index);
            sleepUntil(intended);
            if (!inFlight.tryAcquire()) {
                limitHits.incrementAndGet();
                inFlight.acquire();
            }
            long started = System.nanoTime();
            maxLateNanos.accumulateAndGet(started - intended, Math::max);
            lateness.recordValue(Math.max(0, started - intended));
            issuer.issue(index, intended).whenComplete((ignored, error) -> inFlight.release());
            issueTimes.recordValue(Math.max(0, System.nanoTime() - started));
        }
        if (inFlight.tryAcquire(maxInFlight, drainSeconds, TimeUnit.SECONDS)) {
            inFlight.release(maxInFlight);
        }
    }

    /** Sleeps most of the way, then spins the last stretch: a timer slack would otherwise bunch sends up. */
    private static void sleepUntil(long nanos) {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            if (remaining > 200_000) {
                LockSupport.parkNanos(remaining - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** How often the in-flight bound held a send back. */
    public long limitHits() {
        return limitHits.get();
    }

    /** How late each send was started after its intended time (the driver's own lateness); after {@link #run}. */
    public LatencySummary lateness() {
        return LatencySummary.of(lateness);
    }

    /** How long starting each send took on the schedule's thread (the issuer's synchronous part); after {@link #run}. */
    public LatencySummary issueTimes() {
        return LatencySummary.of(issueTimes);
    }

    /** The latest any send was started after its intended time (the driver's own lateness). */
    public double maxLateMillis() {
        return maxLateNanos.get() / 1e6;
    }
}
