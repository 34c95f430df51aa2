package io.chatbackend.tools.load.send.figures;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-second figures of the measured window: what was offered and acknowledged each second (the throughput curve)
 * and the latency percentiles of each second's sends. Latency is filed under the second the send was intended in,
 * so a stall shows at the time it hit the sends, not when their answers finally came. Thread-safe.
 */
public final class TimeSeries {

    /** Longest latency kept exactly; anything slower is filed as this (a send times out well before). */
    static final long HIGHEST_NANOS = 600_000_000_000L;

    private final long startNanos;
    private final long[] offered;
    private final long[] acknowledged;
    private final long[] other;
    private final Histogram[] latencies;

    public TimeSeries(long startNanos, int seconds) {
        this.startNanos = startNanos;
        this.offered = new long[seconds];
        this.acknowledged = new long[seconds];
        this.other = new long[seconds];
        this.latencies = new Histogram[seconds];
        for (int i = 0; i < seconds; i++) {
            latencies[i] = new Histogram(HIGHEST_NANOS, 3);
        }
    }

    /** The bucket of {@code nanos}, or -1 outside the window. */
    int secondOf(long nanos) {
        if (nanos < startNanos) {
            return -1;
        }
        long second = (nanos - startNanos) / 1_000_000_000L;
        return second < offered.length ? (int) second : -1;
    }

    public synchronized void offered(long intendedNanos) {
        int second = secondOf(intendedNanos);
        if (second >= 0) {
            offered[second]++;
        }
    }

    public synchronized void acknowledged(long intendedNanos, long answeredNanos) {
        int answered = secondOf(answeredNanos);
        if (answered >= 0) {
            acknowledged[answered]++;
        }
        int intended = secondOf(intendedNanos);
        if (intended >= 0) {
            latencies[intended].recordValue(Math.min(HIGHEST_NANOS, Math.max(0, answeredNanos - intendedNanos)));
        }
    }

    public synchronized void other(long answeredNanos) {
        int second = secondOf(answeredNanos);
        if (second >= 0) {
            other[second]++;
        }
    }

    public synchronized List<SecondFigures> seconds() {
        List<SecondFigures> figures = new ArrayList<>(offered.length);
        for (int i = 0; i < offered.length; i++) {
            Histogram h = latencies[i];
            boolean any = h.getTotalCount() > 0;
            figures.add(new SecondFigures(i, offered[i], acknowledged[i], other[i],
                    any ? h.getValueAtPercentile(50) / 1e6 : Double.NaN,
                    any ? h.getValueAtPercentile(99) / 1e6 : Double.NaN,
                    any ? h.getMaxValue() / 1e6 : Double.NaN));
        }
        return figures;
    }
}
