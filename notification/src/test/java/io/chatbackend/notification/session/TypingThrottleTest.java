package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TypingThrottleTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(-1_000 * MILLI);
    private final TypingThrottle throttle = new TypingThrottle(Duration.ofSeconds(2), 8, now::get);

    @Test
    void oneTypingPerDialogAndIntervalOthersDialogsIndependently() {
        UUID dialog = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(throttle.tryPass(dialog)).isTrue();
        assertThat(throttle.tryPass(dialog)).isFalse();
        assertThat(throttle.tryPass(other)).isTrue();
        now.addAndGet(1_999 * MILLI);
        assertThat(throttle.tryPass(dialog)).isFalse();
        now.addAndGet(MILLI);
        assertThat(throttle.tryPass(dialog)).isTrue();
        assertThat(throttle.tryPass(dialog)).isFalse();
    }

    @Test
    void aDialogIsRememberedOnlyWhileItsIntervalRuns() {
        for (int i = 0; i < 5; i++) {
            throttle.tryPass(UUID.randomUUID());
        }
        assertThat(throttle.size()).isEqualTo(5);
        now.addAndGet(2_000 * MILLI);
        assertThat(throttle.size()).isZero();
    }

    @Test
    void thousandsOfDialogIdsNeverGrowItBeyondItsBound() {
        int passed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (throttle.tryPass(UUID.randomUUID())) {
                passed++;
            }
            now.addAndGet(MILLI / 10);
            assertThat(throttle.size()).isLessThanOrEqualTo(8);
        }
        assertThat(passed).as("a full throttle lets nothing pass until an interval ends").isEqualTo(8);
        now.addAndGet(2_000 * MILLI);
        assertThat(throttle.tryPass(UUID.randomUUID())).isTrue();
        assertThat(throttle.size()).isEqualTo(1);
    }
}
