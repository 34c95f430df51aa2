package io.chatbackend.platform.tcc;

import java.util.Map;

/**
 * One Try-and-Confirm of a batch ({@link TccParticipant#tryAndConfirmAll}).
 *
 * @param txId    the transaction
 * @param subject what it reserves
 * @param audit   what the participant records about who asked for this attempt (for example the request id and
 *                the user the coordinator acts for); empty when the coordinator said nothing
 * @param <S>     the subject's type
 */
public record TryAndConfirmAttempt<S>(String txId, S subject, Map<String, String> audit) {

    public TryAndConfirmAttempt {
        audit = audit == null ? Map.of() : Map.copyOf(audit);
    }

    public TryAndConfirmAttempt(String txId, S subject) {
        this(txId, subject, Map.of());
    }
}
