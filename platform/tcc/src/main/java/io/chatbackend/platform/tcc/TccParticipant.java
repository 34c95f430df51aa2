package io.chatbackend.platform.tcc;

import java.time.Duration;
import java.util.List;

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

    /**
     * Try and Confirm as one local step, for a coordinator whose decision is "confirm whenever Try succeeds": the
     * participant then decides, atomically, and no reservation is held across a round trip (ADR 0018). Refused as
     * Try is (a busy subject, a business refusal, {@link TccCodes#ALREADY_CANCELLED} when a Cancel came first);
     * repeated, it returns the same result. Afterwards Cancel answers {@link CancelOutcome#ALREADY_CONFIRMED} and
     * Confirm returns the result, so a coordinator that lost the answer learns it.
     */
    ConfirmOutcome<R> tryAndConfirm(String txId, S subject);

    /**
     * Several Try-and-Confirms in one call, answered in their order, each as {@link #tryAndConfirm} would answer it
     * alone (two attempts on one subject are confirmed one after the other). A participant may run them as one local
     * step, so that a batch costs one commit; this default runs them one by one.
     */
    default List<ConfirmOutcome<R>> tryAndConfirmAll(List<TryAndConfirmAttempt<S>> attempts) {
        return attempts.stream().map(attempt -> tryAndConfirm(attempt.txId(), attempt.subject())).toList();
    }
}
