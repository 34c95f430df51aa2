package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameRateLimiterTest {

    private static final long MILLI = 1_000_000L;

    /** Starts at a negative nanoTime on purpose: only differences of nanoTime values mean anything. */
    private final AtomicLong now = new AtomicLong(-5_000 * MILLI);

    @Test
    void aFullBucketTakesTheBurstAtOnceThenRefuses() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 40, now::get);
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.tryAcquire()).as("frame %d of the burst", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.tryAcquire()).as("a refusal takes nothing, and gives nothing back").isFalse();
    }

    @Test
    void afterTheBurstOneFramePassesPerEmissionInterval() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 2, now::get);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(49 * MILLI);
        assertThat(limiter.tryAcquire()).as("not a whole 50 ms yet").isFalse();
        now.addAndGet(MILLI);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void aClientAtTheRateIsNeverRefusedAndAnIdleOneGetsItsBurstBackButNoMore() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 5, now::get);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire()).isTrue();
            now.addAndGet(50 * MILLI);
        }
        now.addAndGet(60_000 * MILLI); // a minute idle
        int passed = 0;
        while (limiter.tryAcquire()) {
            passed++;
        }
        assertThat(passed).isEqualTo(5);
    }

    @Test
    void aBurstOfOneIsAStrictRate() {
        FrameRateLimiter limiter = new FrameRateLimiter(1, 1, now::get);
        assertThat(limiter.tryAcquire()).isTrue();
        now.addAndGet(999 * MILLI);
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(MILLI);
        assertThat(limiter.tryAcquire()).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new FrameRateLimiter(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameRateLimiter(1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
