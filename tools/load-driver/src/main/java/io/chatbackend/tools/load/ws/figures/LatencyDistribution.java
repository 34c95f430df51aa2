package io.chatbackend.tools.load.ws.figures;

import io.chatbackend.tools.load.common.report.SvgLineChart;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency histogram as counts per bucket of equal width (a round number of milliseconds), for a chart of the
 * distribution.
 *
 * @param bucketMillis the width of a bucket: bucket {@code i} holds latencies in {@code [i × w, (i + 1) × w)}
 */
public record LatencyDistribution(double bucketMillis, double[] counts) {

    public static LatencyDistribution of(Histogram nanos, int maxBuckets) {
        if (nanos.getTotalCount() == 0) {
            return new LatencyDistribution(1, new double[0]);
        }
        double maxMillis = nanos.getMaxValue() / 1e6;
        double width = SvgLineChart.niceCeiling(maxMillis / maxBuckets);
        double[] counts = new double[(int) Math.floor(maxMillis / width) + 1];
        for (HistogramIterationValue value : nanos.recordedValues()) {
            int bucket = (int) Math.min(counts.length - 1, Math.floor(value.getValueIteratedTo() / 1e6 / width));
            counts[bucket] += value.getCountAtValueIteratedTo();
        }
        return new LatencyDistribution(width, counts);
    }
}
