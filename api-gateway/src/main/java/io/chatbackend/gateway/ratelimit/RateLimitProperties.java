package io.chatbackend.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code chat.gateway.rate-limit.*}: a token bucket per client of {@code capacity} requests (the allowed burst),
 * refilled by {@code refill-per-second}; at most {@code max-tracked-clients} buckets are kept in memory.
 */
@ConfigurationProperties("chat.gateway.rate-limit")
public record RateLimitProperties(long capacity, long refillPerSecond, long maxTrackedClients) {

    public RateLimitProperties {
        requirePositive("capacity", capacity);
        requirePositive("refill-per-second", refillPerSecond);
        requirePositive("max-tracked-clients", maxTrackedClients);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("chat.gateway.rate-limit." + name + " must be positive, was " + value);
        }
    }
}
