package io.chatbackend.platform.service.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class UntilExpiryCacheTest {

    record Grant(String name, Instant expiresAt) {
    }

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final UntilExpiryCache<Grant> cache = new UntilExpiryCache<>(10, Grant::expiresAt, clock);

    @Test
    void answersAValueUntilItExpires() {
        cache.put("a", new Grant("a", NOW.plusSeconds(60)));
        assertThat(cache.get("a")).map(Grant::name).hasValue("a");
        now = NOW.plusSeconds(60);
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
