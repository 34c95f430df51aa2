package io.chatbackend.platform.cassandra.readmodel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** A rebuild running (or finished) on this instance; {@link #status()} is its current state. */
public final class RebuildJob {

    private final String id;
    private final String model;
    private final int fromEpoch;
    private final int toEpoch;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final CompletableFuture<RebuildStatus> finished = new CompletableFuture<>();
    private volatile String state = RebuildStatus.RUNNING;
    private volatile long replayStartNanos;
    private volatile long replayEndNanos;
    private volatile ComparisonReport report;
    private volatile String error;
    private volatile String lostReason;

    RebuildJob(String id, String model, int fromEpoch, int toEpoch) {
        this.id = id;
        this.model = model;
        this.fromEpoch = fromEpoch;
        this.toEpoch = toEpoch;
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /** The read model being rebuilt. */
    public String model() {
        return model;
    }

    /** The job's status now. */
    public RebuildStatus status() {
        long doneNow = done.get();
        long totalNow = total.get();
        double rate = rate(doneNow);
        Duration eta = null;
        if (totalNow > 0 && doneNow >= totalNow) {
            eta = Duration.ZERO;
        } else if (totalNow > 0 && rate > 0 && replayEndNanos == 0) {
            eta = Duration.ofMillis((long) ((totalNow - doneNow) / rate * 1000));
        }
        return new RebuildStatus(id, model, state, doneNow, totalNow, rate, eta, fromEpoch, toEpoch, report, error);
    }

    /** Waits until the job has ended, at most {@code timeout}, and returns its status then. */
    public RebuildStatus await(Duration timeout) throws InterruptedException {
        try {
            return finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return status();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- driven by the rebuilder ----

    int fromEpoch() {
        return fromEpoch;
    }

    int toEpoch() {
        return toEpoch;
    }

    ProgressListener progress() {
        return new ProgressListener() {
            @Override
            public void total(long value) {
                checkNotLost();
                total.set(Math.max(0, value));
            }

            @Override
            public void done(long value) {
                checkNotLost();
                done.accumulateAndGet(value, Math::max);
            }

            @Override
            public void advance(long delta) {
                checkNotLost();
                done.addAndGet(delta);
            }
        };
    }

    void replayStarted() {
        replayStartNanos = System.nanoTime();
    }

    void replayEnded() {
        replayEndNanos = System.nanoTime();
    }

    void state(String newState) {
        state = newState;
    }

    void report(ComparisonReport value) {
        report = value;
    }

    void lost(String reason) {
        lostReason = reason;
    }

    void checkNotLost() {
        String reason = lostReason;
        if (reason != null) {
            throw new RebuildAbortedException(reason);
        }
    }

    void finish(String finalState, String finalError) {
        error = finalError;
        state = finalState;
        finished.complete(status());
    }

    private double rate(long doneNow) {
        long start = replayStartNanos;
        if (start == 0) {
            return 0;
        }
        long end = replayEndNanos == 0 ? System.nanoTime() : replayEndNanos;
        double seconds = (end - start) / 1e9;
        return seconds <= 0 ? 0 : doneNow / seconds;
    }
}
