package io.chatbackend.uaa.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Each user may run so many directory searches a minute (a token bucket per user, per instance), so that one account
 * cannot page through the whole directory quickly.
 */
public class SearchThrottle {

    private final Cache<UUID, Bucket> byUser = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(200_000).build();
    private final int perMinute;

    public SearchThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    /** How long {@code user} must wait before searching again, if it must; otherwise the search is counted. */
    public Optional<Duration> mustWait(UUID user) {
        Bucket bucket = byUser.get(user, key -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
