package io.chatbackend.tools.load.ws.figures;

import java.util.Arrays;

/**
 * How far each message of the large-group phase got: when it was sent, and when each live session first had it.
 * Per message: the time until every live session had it (the figure that matters: a group message is delivered when
 * the last member has it) and until half of them had it. Thread-safe.
 */
public final class MessageReach {

    private final long[] sentNanos;
    private final long[][] arrivals;
    private final int[] counts;

    public MessageReach(int messages) {
        sentNanos = new long[messages];
        arrivals = new long[messages][];
        counts = new int[messages];
        for (int i = 0; i < messages; i++) {
            arrivals[i] = new long[16];
        }
    }

    public int messages() {
        return sentNanos.length;
    }

    public synchronized void sent(int message, long nanos) {
        sentNanos[message] = nanos;
    }

    /** A session had the message for the first time. */
    public synchronized void arrived(int message, long nanos) {
        if (message < 0 || message >= counts.length) {
            return;
        }
        if (counts[message] == arrivals[message].length) {
            arrivals[message] = Arrays.copyOf(arrivals[message], counts[message] * 2);
        }
        arrivals[message][counts[message]++] = nanos;
    }

    public synchronized int reached(int message) {
        return counts[message];
    }

    /** Per message, milliseconds from its send until {@code sessions} sessions had it (+∞ if they did not). */
    public synchronized double[] millisToReach(int sessions) {
        double[] millis = new double[sentNanos.length];
        for (int i = 0; i < millis.length; i++) {
            if (sessions <= 0 || counts[i] < sessions) {
                millis[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            long[] sorted = Arrays.copyOf(arrivals[i], counts[i]);
            Arrays.sort(sorted);
            millis[i] = Math.max(0, sorted[sessions - 1] - sentNanos[i]) / 1e6;
        }
        return millis;
    }

    /** Median, p90 and worst over the messages of the time to reach {@code sessions} sessions (NaN: not reached). */
    public static String describe(double[] millis) {
        long missed = Arrays.stream(millis).filter(Double::isInfinite).count();
        return String.format("median %s, p90 %s, worst %s%s", ms(Percentiles.of(millis, 50)),
                ms(Percentiles.of(millis, 90)), ms(Percentiles.of(millis, 100)),
                missed == 0 ? "" : String.format(" (%d of %d messages never reached them all)", missed, millis.length));
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "not reached" : String.format("%.1f ms", value);
    }
}
