package io.chatbackend.platform.service.security;

import io.chatbackend.platform.service.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedReactiveTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(NOW);

    /** Verifies "good-…" tokens (expiring a minute after NOW) and refuses everything else. */
    private final ReactiveJwtDecoder verifier = token -> Mono.fromCallable(() -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).build();
    });

    private final VerifiedReactiveTokens tokens = new VerifiedReactiveTokens(verifier, 100, clock);

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() {
        assertThat(tokens.decode("good-1").block().getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("good-1").block().getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(61));
        tokens.decode("good-1").block(); // the verifier decides again (its validator refuses an expired token)
        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusalsAreNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        tokens.decode("good-1").block();
        tokens.decode("good-2").block();
        assertThat(verifications).as("every token is its own entry").hasValue(4);
    }
}
