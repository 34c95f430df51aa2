package io.chatbackend.tools.load.ws.figures;

import java.util.Arrays;

/** Nearest-rank percentiles of a few values (messages, sessions), where a value not reached is +∞. */
final class Percentiles {

    private Percentiles() {
    }

    /** The value at or below which {@code percent}% of {@code values} lie; NaN when that rank was not reached. */
    static double of(double[] values, double percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(percent / 100 * sorted.length));
        double value = sorted[rank - 1];
        return Double.isInfinite(value) ? Double.NaN : value;
    }
}
