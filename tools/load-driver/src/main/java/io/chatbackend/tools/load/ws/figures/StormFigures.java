package io.chatbackend.tools.load.ws.figures;

import io.chatbackend.tools.load.common.report.SvgLineChart;

import java.util.Arrays;

/**
 * A reconnect storm's figures: per session the time from the storm's start (every session reconnecting at once)
 * until it held everything it had missed; the whole storm's completion (the last session's time, when all made
 * it); p50 and p99 over all sessions (a session that never recovered counts as infinitely late); and the curves of
 * sessions connected and fully recovered over time.
 *
 * @param stepSeconds    the time between two points of the curves
 * @param recoveredCurve sessions fully recovered by {@code i × step} seconds
 * @param connectedCurve sessions connected (welcomed) by {@code i × step} seconds
 */
public record StormFigures(String name, int sessions, int recovered, int connected, double p50Seconds,
                           double p99Seconds, double lastSeconds, double stepSeconds, double[] recoveredCurve,
                           double[] connectedCurve) {

    private static final int POINTS = 100;

    /**
     * @param recoveredAt per session when it had recovered everything (0: never)
     * @param connectedAt per session when its new connection was welcomed (0: never)
     */
    public static StormFigures of(String name, long startNanos, long[] recoveredAt, long[] connectedAt) {
        double[] recovery = secondsSince(startNanos, recoveredAt);
        double[] connection = secondsSince(startNanos, connectedAt);
        int recovered = (int) Arrays.stream(recovery).filter(Double::isFinite).count();
        int connected = (int) Arrays.stream(connection).filter(Double::isFinite).count();
        double last = Math.max(Arrays.stream(recovery).filter(Double::isFinite).max().orElse(0),
                Arrays.stream(connection).filter(Double::isFinite).max().orElse(0));
        double step = Math.max(0.1, SvgLineChart.niceCeiling(last / POINTS));
        int points = (int) Math.floor(last / step) + 2;
        return new StormFigures(name, recoveredAt.length, recovered, connected, Percentiles.of(recovery, 50),
                Percentiles.of(recovery, 99), Arrays.stream(recovery).filter(Double::isFinite).max().orElse(Double.NaN),
                step, curve(recovery, step, points), curve(connection, step, points));
    }

    public boolean complete() {
        return recovered == sessions;
    }

    /** When the last session had recovered everything; NaN unless every session did. */
    public double completionSeconds() {
        return complete() ? lastSeconds : Double.NaN;
    }

    public String describe() {
        return String.format("%s: %,d sessions reconnected at once; %,d connected, %,d recovered everything they "
                        + "missed; storm complete %s; per session p50 %s, p99 %s", name, sessions, connected,
                recovered, complete() ? String.format("in %.1f s", lastSeconds)
                        : String.format("NOT (%,d sessions never recovered; the last that did after %.1f s)",
                        sessions - recovered, lastSeconds),
                seconds(p50Seconds), seconds(p99Seconds));
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "not reached" : String.format("%.1f s", value);
    }

    private static double[] secondsSince(long startNanos, long[] at) {
        return Arrays.stream(at).mapToDouble(nanos -> nanos == 0 ? Double.POSITIVE_INFINITY
                : Math.max(0, nanos - startNanos) / 1e9).toArray();
    }

    private static double[] curve(double[] seconds, double step, int points) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double[] curve = new double[points];
        int reached = 0;
        for (int i = 0; i < points; i++) {
            double until = i * step + 1e-9;
            while (reached < sorted.length && sorted[reached] <= until) {
                reached++;
            }
            curve[i] = reached;
        }
        return curve;
    }
}
