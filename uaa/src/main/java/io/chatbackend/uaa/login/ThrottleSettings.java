package io.chatbackend.uaa.login;

import java.time.Duration;

/**
 * Brute-force protection (ADR 0016): after {@code failuresPerAccount} failed logins of one username from one
 * address, that address is locked out of the name for {@code lockout}; after {@code
 * failuresPerAccountFromAllSources} failures from all addresses within {@code lockout}, the name takes one attempt
 * per {@code slowedAccountInterval}; one address may try {@code attemptsPerSourcePerMinute} logins and {@code
 * registrationsPerSourcePerMinute} registrations a minute.
 */
public record ThrottleSettings(int failuresPerAccount, Duration lockout, int attemptsPerSourcePerMinute,
                               int registrationsPerSourcePerMinute, int failuresPerAccountFromAllSources,
                               Duration slowedAccountInterval) {

    public ThrottleSettings {
        failuresPerAccountFromAllSources = failuresPerAccountFromAllSources <= 0 ? 50
                : failuresPerAccountFromAllSources;
        slowedAccountInterval = slowedAccountInterval == null ? Duration.ofSeconds(1) : slowedAccountInterval;
    }
}
