package io.chatbackend.platform.tcc;

/** The answer to Cancel: cancelled (also for an unknown transaction: empty rollback), or already confirmed. */
public enum CancelOutcome {
    CANCELLED,
    ALREADY_CONFIRMED
}
