package io.chatbackend.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Verifies "good-…" tokens (expiring in a minute from NOW) and refuses everything else. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(verifier, 100, clock);

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() {
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);

        now = NOW.plus(Duration.ofSeconds(61));
        tokens.decode("good-1"); // the verifier decides again (and its validator refuses an expired token)
        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusalsAreNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void everyTokenIsItsOwnEntry() {
        tokens.decode("good-1");
        tokens.decode("good-2");
        assertThat(verifications).hasValue(2);
    }
}
