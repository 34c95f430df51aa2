package io.chatbackend.platform.tcc;

/**
 * One Try-and-Confirm of a batch ({@link TccParticipant#tryAndConfirmAll}).
 *
 * @param txId    the transaction
 * @param subject what it reserves
 * @param <S>     the subject's type
 */
public record TryAndConfirmAttempt<S>(String txId, S subject) {
}
