package io.chatbackend.dialog.tcc;

/** Try and Confirm of a send on its sender's lane in one unit of work (ADR 0018). */
public record TryAndConfirmLaneTransactionCommand(String txId, LaneSubject subject) {
}
