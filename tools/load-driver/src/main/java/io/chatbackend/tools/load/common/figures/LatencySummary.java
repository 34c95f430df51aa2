package io.chatbackend.tools.load.common.figures;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram (nanoseconds in, milliseconds out). */
public record LatencySummary(long count, double p50Millis, double p90Millis, double p99Millis, double p999Millis,
                             double maxMillis) {

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(90) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6);
    }

    public String describe() {
        return count == 0 ? "none measured" : String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, "
                + "max %.1f ms (%d samples)", p50Millis, p90Millis, p99Millis, p999Millis, maxMillis, count);
    }
}
