package io.chatbackend.platform.service.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.chatbackend.platform.service.MovableClock;

import org.junit.jupiter.api.Test;

class UntilExpiryCacheTest {

    record Grant(String name, Instant expiresAt) {
    }

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final MovableClock clock = new MovableClock(NOW);
    private final UntilExpiryCache<Grant> cache = new UntilExpiryCache<>(10, Grant::expiresAt, clock);

    @Test
    void answersAValueUntilItExpires() {
        cache.put("a", new Grant("a", NOW.plusSeconds(60)));
        assertThat(cache.get("a")).map(Grant::name).hasValue("a");
        clock.advance(Duration.ofSeconds(60));
        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void neverKeepsAValueThatExpiredOrNeverExpires() {
        cache.put("old", new Grant("old", NOW.minusSeconds(1)));
        cache.put("forever", new Grant("forever", null));
        assertThat(cache.get("old")).isEmpty();
        assertThat(cache.get("forever")).isEmpty();
        assertThat(cache.get("unknown")).isEmpty();
    }
}
