package io.chatbackend.tools.load.send.drive;

import io.chatbackend.tools.load.common.figures.LatencySummary;
import io.chatbackend.tools.load.send.figures.TimeSeries;
import io.chatbackend.tools.load.send.figures.Validity;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of the measured sends: answers by status, acknowledge latency from each send's intended time,
 * per-second figures, and the delivery of each acknowledged send to the recipients' live sessions. Sends intended
 * outside the measured window (the warmup) are not counted. Thread-safe.
 */
public final class SendOutcomes {

    private final MeasuredWindow window;
    private final TimeSeries series;
    private final Histogram acknowledge = new Histogram(600_000_000_000L, 3);
    private final Histogram delivery = new Histogram(600_000_000_000L, 3);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<Long, Long> intendedOfMeasured = new ConcurrentHashMap<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();

    public SendOutcomes(MeasuredWindow window) {
        this.window = window;
        this.series = new TimeSeries(window.startNanos(), window.seconds());
    }

    public MeasuredWindow window() {
        return window;
    }

    public void offered(long index, long intendedNanos) {
        if (window.contains(intendedNanos)) {
            offered.incrementAndGet();
            series.offered(intendedNanos);
            intendedOfMeasured.put(index, intendedNanos);
        }
    }

    /** An answer with a status; only {@code 201} is an acknowledged send. */
    public void answered(long intendedNanos, int status, long answeredNanos) {
        if (!window.contains(intendedNanos)) {
            return;
        }
        synchronized (statuses) {
            statuses.merge(status, 1L, Long::sum);
        }
        if (status == 201) {
            acknowledged.incrementAndGet();
            series.acknowledged(intendedNanos, answeredNanos);
            synchronized (acknowledge) {
                acknowledge.recordValue(Math.min(acknowledge.getHighestTrackableValue(),
                        Math.max(0, answeredNanos - intendedNanos)));
            }
        } else {
            other.incrementAndGet();
            series.other(answeredNanos);
        }
    }

    /** No answer: a transport error or a time-out. */
    public void failed(long intendedNanos, long atNanos) {
        if (window.contains(intendedNanos)) {
            failed.incrementAndGet();
            series.other(atNanos);
        }
    }

    /** A recipient's session got send {@code index}: latency from the send's intended time. */
    public void delivered(long index, long arrivedNanos) {
        Long intended = intendedOfMeasured.get(index);
        if (intended != null) {
            deliveries.incrementAndGet();
            synchronized (delivery) {
                delivery.recordValue(Math.min(delivery.getHighestTrackableValue(), Math.max(0, arrivedNanos - intended)));
            }
        }
    }

    public Validity validity() {
        return new Validity(offered.get(), acknowledged.get(), other.get(), failed.get());
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long deliveries() {
        return deliveries.get();
    }

    public TimeSeries series() {
        return series;
    }

    public LatencySummary acknowledgeLatency() {
        synchronized (acknowledge) {
            return LatencySummary.of(acknowledge);
        }
    }

    public LatencySummary deliveryLatency() {
        synchronized (delivery) {
            return LatencySummary.of(delivery);
        }
    }

    public Map<Integer, Long> statuses() {
        synchronized (statuses) {
            return Map.copyOf(statuses);
        }
    }
}
