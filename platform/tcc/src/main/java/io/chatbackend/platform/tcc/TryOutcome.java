package io.chatbackend.platform.tcc;

import java.time.Instant;

/** The answer to Try: the resource is reserved for this transaction until {@code expiresAt}, or refused. */
public sealed interface TryOutcome {

    record Reserved(Instant expiresAt) implements TryOutcome {
    }

    record Refused(String code) implements TryOutcome {
    }
}
