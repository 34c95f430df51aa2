package io.chatbackend.tools.load.common.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineBusyTest {

    @Test
    void totalIsTheFirstEightFieldsAndIdleCountsIoWait() {
        long[] read = MachineBusy.parse("cpu  100 5 50 800 40 3 2 0 7 0");
        assertThat(read).containsExactly(1000, 840);
    }

    @Test
    void theMachineIsReadableHereAndItsShareIsAFraction() {
        double busy = new MachineBusy().sinceLast();
        assertThat(busy).isBetween(0.0, 1.0);
        assertThat(new MachineBusy.Settled(12, 0.2, true).describe()).contains("settled after 12 s");
        assertThat(new MachineBusy.Settled(180, 0.6, false).describe()).contains("did not settle");
    }
}
