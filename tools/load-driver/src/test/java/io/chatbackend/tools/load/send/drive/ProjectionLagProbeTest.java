package io.chatbackend.tools.load.send.drive;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionLagProbeTest {

    @Test
    void theSampleIsSpreadEvenlyAndHasTheAskedShare() {
        assertThat(LongStream.range(0, 10_000).filter(i -> ProjectionLagProbe.sampled(i, 0.02)).count())
                .isEqualTo(200);
        assertThat(LongStream.range(0, 100).filter(i -> ProjectionLagProbe.sampled(i, 0.1)).toArray())
                .containsExactly(9, 19, 29, 39, 49, 59, 69, 79, 89, 99);
        assertThat(LongStream.range(0, 50).allMatch(i -> ProjectionLagProbe.sampled(i, 1.0))).isTrue();
        assertThat(LongStream.range(0, 50).noneMatch(i -> ProjectionLagProbe.sampled(i, 0))).isTrue();
    }
}
