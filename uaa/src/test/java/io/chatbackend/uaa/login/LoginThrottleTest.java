package io.chatbackend.uaa.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(new ThrottleSettings(5, Duration.ofMinutes(15),
            30, 20, 12, Duration.ofSeconds(1)));

    @Test
    void failuresFromOneAddressLockOnlyThatAddressOutOfTheAccount() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.mustWait("alice", "127.0.0.2")).isEmpty();
            throttle.failed("alice", "127.0.0.2");
        }
        assertThat(throttle.mustWait("alice", "127.0.0.2")).isPresent();
        // a locked address is refused before its password is checked, so it adds no more failures
        assertThat(throttle.mustWait("alice", "127.0.0.3")).isEmpty();
        assertThat(throttle.mustWait("bob", "127.0.0.2")).isEmpty();
    }

    @Test
    void failuresFromManyAddressesSlowTheAccountWithoutLockingItsOwnerOut() {
        for (int address = 1; address <= 4; address++) {
            for (int i = 0; i < 3; i++) {
                throttle.failed("alice", "10.0.0." + address);
            }
        }
        // 12 failures from all addresses: one attempt per second for everyone, the owner included
        assertThat(throttle.mustWait("alice", "127.0.0.3")).isEmpty();
        assertThat(throttle.mustWait("alice", "127.0.0.4")).get()
                .satisfies(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(throttle.mustWait("bob", "127.0.0.4")).isEmpty();
    }

    @Test
    void aSuccessForgivesOnlyItsOwnAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "127.0.0.2");
        }
        throttle.succeeded("alice", "127.0.0.3");
        assertThat(throttle.mustWait("alice", "127.0.0.2")).isPresent();
        throttle.succeeded("alice", "127.0.0.2");
        assertThat(throttle.mustWait("alice", "127.0.0.2")).isEmpty();
    }

    @Test
    void eachAddressHasItsOwnBudgetOfAttempts() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.sourceMustWait("127.0.0.2")).isEmpty();
        }
        assertThat(throttle.sourceMustWait("127.0.0.2")).isPresent();
        assertThat(throttle.sourceMustWait("127.0.0.3")).isEmpty();
    }
}
