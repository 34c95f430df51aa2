package io.chatbackend.platform.tcc;

import java.time.Duration;

/**
 * A try-confirm-cancel participant. Every operation is idempotent per transaction id; Confirm after Cancel and
 * Cancel after Confirm are refused, never applied; a Cancel that arrives first leaves a marker that refuses the
 * late Try; a reservation cancels itself at its expiry without waiting for the coordinator.
 *
 * @param <S> what to reserve (e.g. a sender lane)
 * @param <R> the result of a confirmation
 */
public interface TccParticipant<S, R> {

    TryOutcome tryReserve(String txId, S subject, Duration expiresIn);

    ConfirmOutcome<R> confirm(String txId);

    CancelOutcome cancel(String txId);
}
