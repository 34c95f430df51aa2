package io.chatbackend.tools.load.send.drive;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.common.figures.LatencySummary;
import org.HdrHistogram.Histogram;

import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projection lag: from a send's {@code 201} until the message is visible in its dialog's history read through the
 * gateway (the read model, fed from the event stream). A sample of the acknowledged sends is followed: the history
 * page at the send's {@code dialogSeq} is polled every {@code pollMillis} until it holds the message, at most 30 s.
 * The polls are reads a client would make; at most {@code maxFollowed} sends are followed at once, and samples
 * beyond that are skipped and counted rather than queued.
 */
public final class ProjectionLagProbe implements AutoCloseable {

    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    private final GatewayClient gateway;
    private final double sampleShare;
    private final long pollMillis;
    private final Semaphore followed;
    private final int maxFollowed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lag-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Histogram lags = new Histogram(60_000_000_000L, 3);
    private final AtomicLong notVisible = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();

    public ProjectionLagProbe(GatewayClient gateway, double sampleShare, long pollMillis, int maxFollowed) {
        this.gateway = gateway;
        this.sampleShare = sampleShare;
        this.pollMillis = pollMillis;
        this.followed = new Semaphore(maxFollowed);
        this.maxFollowed = maxFollowed;
    }

    /** Whether send {@code index} is in the sample: evenly spread, {@code sampleShare} of all sends. */
    static boolean sampled(long index, double sampleShare) {
        if (sampleShare >= 1) {
            return true;
        }
        if (sampleShare <= 0) {
            return false;
        }
        return Math.floor((index + 1) * sampleShare) > Math.floor(index * sampleShare);
    }

    /** Called with every measured {@code 201}; follows it when it is in the sample. */
    public void acknowledged(long index, SendTarget target, long dialogSeq, long acknowledgedNanos) {
        if (!sampled(index, sampleShare)) {
            return;
        }
        if (!followed.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        poll(target, dialogSeq, acknowledgedNanos);
    }

    private void poll(SendTarget target, long dialogSeq, long acknowledgedNanos) {
        polls.incrementAndGet();
        gateway.historyAt(target.sender(), target.dialogId(), dialogSeq).whenComplete((page, error) -> {
            long now = System.nanoTime();
            if (error == null && visible(page, dialogSeq)) {
                synchronized (lags) {
                    lags.recordValue(Math.min(lags.getHighestTrackableValue(), now - acknowledgedNanos));
                }
                followed.release();
            } else if (now - acknowledgedNanos > GIVE_UP_NANOS) {
                notVisible.incrementAndGet();
                followed.release();
            } else {
                timer.schedule(() -> poll(target, dialogSeq, acknowledgedNanos), pollMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static boolean visible(HttpResponse<String> page, long dialogSeq) {
        if (page.statusCode() != 200) {
            return false;
        }
        var items = GatewayClient.json(page.body()).path("items");
        return items.size() > 0 && items.get(0).path("dialogSeq").asLong() == dialogSeq;
    }

    /** Waits until every followed send is visible or given up (at most the give-up time). */
    public void awaitFollowed() throws InterruptedException {
        if (followed.tryAcquire(maxFollowed, GIVE_UP_NANOS + 5_000_000_000L, TimeUnit.NANOSECONDS)) {
            followed.release(maxFollowed);
        }
    }

    public LatencySummary lag() {
        synchronized (lags) {
            return LatencySummary.of(lags);
        }
    }

    public long notVisible() {
        return notVisible.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long polls() {
        return polls.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
