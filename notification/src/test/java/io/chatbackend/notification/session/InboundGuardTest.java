package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InboundGuardTest {

    private final AtomicLong now = new AtomicLong();
    private final InboundGuard guard = new InboundGuard(new FrameRateLimiter(20, 3, now::get));

    @Test
    void framesWithinTheRateAreHandledTheFirstBeyondEndsTheSessionAndTheRestAreIgnored() {
        assertThat(guard.admit()).isEqualTo(InboundGuard.Verdict.HANDLE);
        assertThat(guard.admit()).isEqualTo(InboundGuard.Verdict.HANDLE);
        assertThat(guard.admit()).isEqualTo(InboundGuard.Verdict.HANDLE);
        assertThat(guard.admit()).isEqualTo(InboundGuard.Verdict.REFUSE_AND_CLOSE);
        now.addAndGet(10_000_000_000L);
        assertThat(guard.admit()).as("no way back once refused, even with tokens again")
                .isEqualTo(InboundGuard.Verdict.IGNORE);
    }

    @Test
    void theFarewellIsARateLimitedErrorRecognisedByIdentityAndTheCloseIsClaimedOnce() {
        FrameBody.Error farewell = guard.farewell();
        assertThat(farewell.code()).isEqualTo("RATE_LIMITED");
        assertThat(guard.isFarewell(farewell)).isTrue();
        assertThat(guard.isFarewell(new FrameBody.Error("RATE_LIMITED", null, null))).isFalse();
        assertThat(guard.claimClose()).isTrue();
        assertThat(guard.claimClose()).isFalse();
    }
}
