package io.chatbackend.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * One Bucket4j token bucket per client key, held in a bounded Caffeine cache. A bucket left idle for as long as a
 * full refill takes is full again, so dropping it then and starting a new full one later changes nothing: that is
 * the idle expiry. Only under memory pressure (more than max-tracked-clients active keys) can eviction hand a
 * client a fresh bucket early.
 */
@Component
public class ClientBuckets {

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets;

    public ClientBuckets(RateLimitProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxTrackedClients())
                .expireAfterAccess(timeToRefillCompletely(properties).plusSeconds(1))
                .build();
    }

    /** Takes one token from the client's bucket; the probe says whether it was there and, if not, how long to wait. */
    public ConsumptionProbe tryConsume(String clientKey) {
        return buckets.get(clientKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.capacity())
                        .refillGreedy(properties.refillPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    static Duration timeToRefillCompletely(RateLimitProperties properties) {
        // rounded up; Math.ceilDiv is Java 18+
        long millis = (properties.capacity() * 1000 + properties.refillPerSecond() - 1) / properties.refillPerSecond();
        return Duration.ofMillis(millis);
    }
}
