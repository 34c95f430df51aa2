package io.chatbackend.tools.load.send.figures;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeSeriesTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void secondsAreCountedFromTheWindowStartAndNothingOutsideIsKept() {
        TimeSeries series = new TimeSeries(100 * SECOND, 3);
        assertThat(series.secondOf(100 * SECOND - 1)).isEqualTo(-1);
        assertThat(series.secondOf(100 * SECOND)).isZero();
        assertThat(series.secondOf(101 * SECOND - 1)).isZero();
        assertThat(series.secondOf(102 * SECOND + 5)).isEqualTo(2);
        assertThat(series.secondOf(103 * SECOND)).isEqualTo(-1);
    }

    @Test
    void latencyIsFiledUnderTheIntendedSecondAndThroughputUnderTheAnswerSecond() {
        TimeSeries series = new TimeSeries(0, 3);
        for (int i = 0; i < 100; i++) {
            series.offered(i * 10 * MS);
            // the sends of second 0 are answered 1.5 s late, in second 1
            series.acknowledged(i * 10 * MS, i * 10 * MS + 1_500 * MS);
        }
        series.offered(SECOND + 1);
        series.acknowledged(SECOND + 1, SECOND + 1 + 20 * MS);
        series.other(2 * SECOND + 3);

        List<SecondFigures> seconds = series.seconds();
        assertThat(seconds).extracting(SecondFigures::offered).containsExactly(100L, 1L, 0L);
        assertThat(seconds.get(0).acknowledged()).isEqualTo(0);
        assertThat(seconds.get(1).acknowledged() + seconds.get(2).acknowledged()).isEqualTo(101);
        assertThat(seconds.get(0).p50Millis()).isBetween(1_499.0, 1_501.0);
        assertThat(seconds.get(1).p99Millis()).isBetween(19.9, 20.1);
        assertThat(seconds.get(2).p50Millis()).isNaN();
        assertThat(seconds.get(2).other()).isEqualTo(1);
    }

    @Test
    void perSecondPercentilesComeFromThatSecondAlone() {
        TimeSeries series = new TimeSeries(0, 2);
        for (int i = 1; i <= 100; i++) {
            series.acknowledged(0, i * MS);
            series.acknowledged(SECOND, SECOND + 500 * MS);
        }
        SecondFigures first = series.seconds().get(0);
        assertThat(first.p50Millis()).isBetween(49.9, 50.1);
        assertThat(first.p99Millis()).isBetween(98.9, 99.1);
        assertThat(first.maxMillis()).isBetween(99.9, 100.1);
        assertThat(series.seconds().get(1).maxMillis()).isBetween(499.0, 501.0);
    }
}
