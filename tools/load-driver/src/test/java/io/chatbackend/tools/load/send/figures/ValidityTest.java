package io.chatbackend.tools.load.send.figures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidityTest {

    @Test
    void upToOnePerThousandNotAcknowledgedIsStillValid() {
        Validity validity = new Validity(10_000, 9_990, 6, 4);
        assertThat(validity.valid()).isTrue();
        assertThat(validity.verdict()).startsWith("valid run");
    }

    @Test
    void moreThanOnePerThousandInvalidatesTheRun() {
        Validity validity = new Validity(10_000, 9_989, 11, 0);
        assertThat(validity.valid()).isFalse();
        assertThat(validity.verdict()).startsWith("INVALID RUN").contains("11 of 10000");
    }

    @Test
    void sendsStillUnansweredAtTheEndCountAgainstTheRun() {
        assertThat(new Validity(1_000, 990, 0, 0).valid()).isFalse();
        assertThat(new Validity(1_000, 999, 0, 0).valid()).isTrue();
    }

    @Test
    void aRunWithoutMeasuredSendsIsInvalid() {
        assertThat(new Validity(0, 0, 0, 0).valid()).isFalse();
    }
}
