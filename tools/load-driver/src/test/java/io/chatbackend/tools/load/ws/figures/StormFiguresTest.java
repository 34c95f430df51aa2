package io.chatbackend.tools.load.ws.figures;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StormFiguresTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aCompleteStormHasItsCompletionPercentilesAndCurves() {
        long start = 100 * S;
        long[] recovered = {start + 1 * S, start + 2 * S, start + 3 * S, start + 4 * S};
        long[] connected = {start + S / 2, start + S / 2, start + S, start + S};
        StormFigures figures = StormFigures.of("storm", start, recovered, connected);
        assertThat(figures.complete()).isTrue();
        assertThat(figures.completionSeconds()).isEqualTo(4.0);
        assertThat(figures.p50Seconds()).isEqualTo(2.0);
        assertThat(figures.p99Seconds()).isEqualTo(4.0);
        assertThat(figures.stepSeconds()).isEqualTo(0.1);
        assertThat(figures.recoveredCurve()[10]).isEqualTo(1); // by 1.0 s
        assertThat(figures.recoveredCurve()[figures.recoveredCurve().length - 1]).isEqualTo(4);
        assertThat(figures.connectedCurve()[5]).isEqualTo(2);
        assertThat(figures.describe()).contains("storm complete in 4.0 s", "p50 2.0 s", "p99 4.0 s");
    }

    @Test
    void sessionsThatNeverRecoveredCountAsInfinitelyLate() {
        long[] recovered = {S, 2 * S, 0, 0};
        StormFigures figures = StormFigures.of("storm", 0, recovered, new long[] {S, S, S, 0});
        assertThat(figures.complete()).isFalse();
        assertThat(figures.completionSeconds()).isNaN();
        assertThat(figures.p50Seconds()).isEqualTo(2.0);
        assertThat(figures.p99Seconds()).isNaN();
        assertThat(figures.connected()).isEqualTo(3);
        assertThat(figures.describe()).contains("NOT (2 sessions never recovered", "p99 not reached");
    }

    @Test
    void theTimeToReachEveryMemberIsTheLastSessionsTime() {
        MessageReach reach = new MessageReach(2);
        reach.sent(0, 0);
        reach.sent(1, 1_000_000_000L);
        reach.arrived(0, 5_000_000);
        reach.arrived(0, 9_000_000);
        reach.arrived(0, 7_000_000);
        reach.arrived(1, 1_002_000_000L);
        assertThat(reach.millisToReach(3)).containsExactly(9.0, Double.POSITIVE_INFINITY);
        assertThat(reach.millisToReach(2)).containsExactly(7.0, Double.POSITIVE_INFINITY);
        assertThat(reach.millisToReach(1)).containsExactly(5.0, 2.0);
        assertThat(MessageReach.describe(reach.millisToReach(3))).contains("worst not reached",
                "1 of 2 messages never reached them all");
        assertThat(MessageReach.describe(new double[] {1, 2, 3, 10})).isEqualTo(
                "median 2.0 ms, p90 10.0 ms, worst 10.0 ms");
    }

    @Test
    void aLatencyDistributionHasRoundBucketsHoldingEveryValue() {
        Histogram nanos = new Histogram(60_000_000_000L, 3);
        nanos.recordValue(3_000_000);
        nanos.recordValue(12_000_000);
        nanos.recordValue(12_500_000);
        nanos.recordValue(118_000_000);
        LatencyDistribution distribution = LatencyDistribution.of(nanos, 60);
        assertThat(distribution.bucketMillis()).isEqualTo(2.0);
        assertThat(distribution.counts()[1]).isEqualTo(1);
        assertThat(distribution.counts()[6]).isEqualTo(2);
        assertThat(distribution.counts()[distribution.counts().length - 1]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(distribution.counts()).sum()).isEqualTo(4);
        assertThat(LatencyDistribution.of(new Histogram(3), 60).counts()).isEmpty();
    }
}
