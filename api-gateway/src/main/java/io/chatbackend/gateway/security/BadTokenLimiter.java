package io.chatbackend.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Refused tokens per client address: a client that keeps presenting invalid, expired or foreign tokens (or unknown
 * key ids, each of which could make the gateway fetch UAA's key set) is answered 429 before its token is even
 * decoded, once it used up a small burst. Valid tokens never spend from it.
 */
@Component
public class BadTokenLimiter {

    /** Exchange attribute: this request's token was already counted as refused before it was decoded. */
    public static final String COUNTED = BadTokenLimiter.class.getName() + ".counted";

    private final Cache<String, Bucket> buckets;
    private final Settings settings;

    public BadTokenLimiter(Settings settings) {
        this.settings = settings;
        this.buckets = Caffeine.newBuilder().maximumSize(settings.maxTrackedClients())
                .expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    /** Whether this address has refused tokens to spare (without spending one); wait in nanos if not. */
    public long nanosUntilAllowed(String clientAddress) {
        Bucket bucket = buckets.getIfPresent(clientAddress);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Counts one refused token against this address. */
    public void refused(String clientAddress) {
        buckets.get(clientAddress, key -> Bucket.builder().addLimit(limit -> limit.capacity(settings.burst())
                .refillGreedy(settings.perSecond(), Duration.ofSeconds(1))).build()).tryConsume(1);
    }

    /**
     * {@code chat.gateway.bad-tokens.*}: a client address may present {@code burst} refused tokens at once and
     * {@code per-second} more each second.
     */
    @ConfigurationProperties("chat.gateway.bad-tokens")
    public record Settings(long burst, long perSecond, long maxTrackedClients) {

        public Settings {
            burst = burst <= 0 ? 20 : burst;
            perSecond = perSecond <= 0 ? 5 : perSecond;
            maxTrackedClients = maxTrackedClients <= 0 ? 100_000 : maxTrackedClients;
        }
    }
}
