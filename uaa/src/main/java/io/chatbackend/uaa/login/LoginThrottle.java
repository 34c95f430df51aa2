package io.chatbackend.uaa.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Optional;

/**
 * Brute-force protection with token buckets, the same for the JSON login and UAA's HTML login form (ADR 0016):
 * <ul>
 *   <li>each client address may try only so many logins (and registrations) a minute;</li>
 *   <li>each username may fail a few times <em>from one address</em> before that address is locked out of it for
 *       a while, so failures from an attacker's address never keep the owner out from theirs;</li>
 *   <li>failures against one username from all addresses together are counted too: past a larger budget, the
 *       account is slowed (one attempt per interval, whoever tries), never locked.</li>
 * </ul>
 * A lockout answers the same whether or not the account exists, so it reveals nothing. State is per instance.
 */
public class LoginThrottle {

    private final Cache<String, Bucket> failuresByUsernameAndSource;
    private final Cache<String, Bucket> failuresByUsername;
    private final Cache<String, Bucket> slowedAttemptsByUsername;
    private final Cache<String, Bucket> attemptsBySource;
    private final Cache<String, Bucket> registrationsBySource;
    private final ThrottleSettings settings;

    public LoginThrottle(ThrottleSettings settings) {
        this.settings = settings;
        Duration idle = settings.lockout().multipliedBy(2);
        this.failuresByUsernameAndSource = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(200_000).build();
        this.failuresByUsername = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(200_000).build();
        this.slowedAttemptsByUsername = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5))
                .maximumSize(200_000).build();
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

    /**
     * How long this source must wait before it may try this username again, if it must: locked out after its own
     * failures, or slowed with everyone while the account is under attack from many addresses.
     */
    public Optional<Duration> mustWait(String username, String source) {
        Bucket own = failuresByUsernameAndSource.getIfPresent(key(username, source));
        if (own != null && own.getAvailableTokens() <= 0) {
            return Optional.of(Duration.ofNanos(own.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
        }
        Bucket all = failuresByUsername.getIfPresent(username);
        if (all != null && all.getAvailableTokens() <= 0) {
            return consume(slowedAttemptsByUsername.get(username, key -> Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(1).refillIntervally(1, settings.slowedAccountInterval()).build()).build()));
        }
        return Optional.empty();
    }

    public void failed(String username, String source) {
        failuresByUsernameAndSource.get(key(username, source), key -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(settings.failuresPerAccount())
                .refillIntervally(settings.failuresPerAccount(), settings.lockout())
                .build()).build()).tryConsume(1);
        failuresByUsername.get(username, key -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(settings.failuresPerAccountFromAllSources())
                .refillGreedy(settings.failuresPerAccountFromAllSources(), settings.lockout())
                .build()).build()).tryConsume(1);
    }

    /** The owner got in from this address: its own failures are forgiven (not those from other addresses). */
    public void succeeded(String username, String source) {
        failuresByUsernameAndSource.invalidate(key(username, source));
    }

    private static String key(String username, String source) {
        return username + '\n' + source;
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
