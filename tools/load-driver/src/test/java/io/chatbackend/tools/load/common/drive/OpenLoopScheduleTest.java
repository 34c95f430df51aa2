package io.chatbackend.tools.load.common.drive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopScheduleTest {

    @Test
    void sendsAreEvenlySpacedFromTheStartWithoutAccumulatingRounding() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(1_000, 3, 10);
        assertThat(schedule.totalSends()).isEqualTo(30);
        assertThat(schedule.intendedAt(0)).isEqualTo(1_000);
        assertThat(schedule.intendedAt(1)).isEqualTo(1_000 + 333_333_333);
        assertThat(schedule.intendedAt(3)).isEqualTo(1_000 + 1_000_000_000);
        assertThat(schedule.intendedAt(3_000_000)).isEqualTo(1_000 + 1_000_000 * 1_000_000_000L);
    }

    @Test
    void theNumberDueCountsEverySendWhoseTimeHasCome() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 500, 60);
        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(1_999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(2_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(1_000_000_000)).isEqualTo(501);
        assertThat(schedule.dueBy(Long.MAX_VALUE / 2)).isEqualTo(30_000);
        for (long index = 0; index < 30_000; index += 997) {
            long at = schedule.intendedAt(index);
            assertThat(schedule.dueBy(at)).isEqualTo(index + 1);
            assertThat(schedule.dueBy(at - 1)).isEqualTo(index);
        }
    }

    @Test
    void theFirstMeasuredSendIsTheFirstIntendedAtOrAfterTheWarmup() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 1_000, 70);
        assertThat(schedule.firstAtOrAfter(10_000_000_000L)).isEqualTo(10_000);
        assertThat(schedule.firstAtOrAfter(10_000_000_001L)).isEqualTo(10_001);
        assertThat(schedule.firstAtOrAfter(-5)).isZero();
    }

    @Test
    void aFractionalRateKeepsItsAverage() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 2.5, 4);
        assertThat(schedule.totalSends()).isEqualTo(10);
        assertThat(schedule.intendedAt(5)).isEqualTo(2_000_000_000L);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> OpenLoopSchedule.of(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
