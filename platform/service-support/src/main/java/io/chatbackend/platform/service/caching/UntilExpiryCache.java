package io.chatbackend.platform.service.caching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A bounded cache of values that carry their own expiry (a verified token, a signed grant): an entry is answered
 * only while {@code clock} says it has not expired, and is dropped at its expiry; a value already expired, or
 * without an expiry, is never kept.
 */
public final class UntilExpiryCache<V> {

    private final Function<V, Instant> expiresAt;
    private final Clock clock;
    private final Cache<String, V> entries;

    public UntilExpiryCache(long capacity, Function<V, Instant> expiresAt, Clock clock) {
        this.expiresAt = expiresAt;
        this.clock = clock;
        this.entries = Caffeine.newBuilder().maximumSize(capacity).expireAfter(new Expiry<String, V>() {
            @Override
            public long expireAfterCreate(String key, V value, long currentTime) {
                return remaining(value).toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
                return remaining(value).toNanos();
            }

            @Override
            public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** The value kept under {@code key}, if it has not expired. */
    public Optional<V> get(String key) {
        V value = entries.getIfPresent(key);
        return value != null && !remaining(value).isZero() ? Optional.of(value) : Optional.empty();
    }

    /** Keeps {@code value} under {@code key} until it expires (not at all if it already has). */
    public void put(String key, V value) {
        if (!remaining(value).isZero()) {
            entries.put(key, value);
        }
    }

    private Duration remaining(V value) {
        Instant expiry = expiresAt.apply(value);
        if (expiry == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiry);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
