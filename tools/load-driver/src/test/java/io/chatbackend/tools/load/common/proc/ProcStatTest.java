package io.chatbackend.tools.load.common.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatTest {

    @Test
    void readsTheCpuFieldsAfterTheCommandName() {
        ProcStat stat = ProcStat.parse("4242 (java) S 4200 4242 4200 0 -1 4194560 51842 0 3 0 1234 567 89 10 20 0 "
                + "58 0 1190 5368709120 90000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
        assertThat(stat).isEqualTo(new ProcStat(4242, 4200, 1234, 567, 89, 10));
        assertThat(stat.ownTicks()).isEqualTo(1801);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(99);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat stat = ProcStat.parse("77 (postgres: walwriter (x) ) S 12 77 77 0 -1 4194368 100 0 0 0 5 6 7 8 20 0 1 "
                + "0 100 0 0");
        assertThat(stat.pid()).isEqualTo(77);
        assertThat(stat.ppid()).isEqualTo(12);
        assertThat(stat.utime()).isEqualTo(5);
        assertThat(stat.cstime()).isEqualTo(8);
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("no stat here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (init) S 0 1")).isInstanceOf(IllegalArgumentException.class);
    }
}
