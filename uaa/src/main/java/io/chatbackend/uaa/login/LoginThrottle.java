package io.chatbackend.uaa.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatbackend.uaa.config.UaaProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Optional;

/**
 * Brute-force protection with token buckets: each username may fail a few times before it is locked for a while
 * (whether or not the account exists, so a lockout reveals nothing), and each source may only try so often.
 * State is per instance; the gateway's per-user limit and the per-account lockout bound an attack across
 * instances.
 */
public class LoginThrottle {

    private final Cache<String, Bucket> failuresByUsername;
    private final Cache<String, Bucket> attemptsBySource;
    private final Cache<String, Bucket> registrationsBySource;
    private final UaaProperties.Throttle settings;

    public LoginThrottle(UaaProperties.Throttle settings) {
        this.settings = settings;
        Duration idle = settings.lockout().multipliedBy(2);
        this.failuresByUsername = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(200_000).build();
        this.attemptsBySource = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).maximumSize(200_000)
                .build();
        this.registrationsBySource = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5))
                .maximumSize(200_000).build();
    }

    /** How long to wait before this source may try a login, if it must wait. */
    public Optional<Duration> sourceMustWait(String source) {
        return consume(attemptsBySource.get(source, key -> perMinute(settings.attemptsPerSourcePerMinute())));
    }

    /** How long to wait before this source may register, if it must wait. */
    public Optional<Duration> registrationMustWait(String source) {
        return consume(registrationsBySource.get(source,
                key -> perMinute(settings.registrationsPerSourcePerMinute())));
    }

    /** How long this username stays locked, if it is. */
    public Optional<Duration> usernameLocked(String username) {
        Bucket bucket = failuresByUsername.getIfPresent(username);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    public void failed(String username) {
        failuresByUsername.get(username, key -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(settings.failuresPerAccount())
                .refillIntervally(settings.failuresPerAccount(), settings.lockout())
                .build()).build()).tryConsume(1);
    }

    public void succeeded(String username) {
        failuresByUsername.invalidate(username);
    }

    private static Bucket perMinute(int limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit)
                .refillGreedy(limit, Duration.ofMinutes(1)).build()).build();
    }

    private static Optional<Duration> consume(Bucket bucket) {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** A caller-facing wait in whole seconds, at least one. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

}
