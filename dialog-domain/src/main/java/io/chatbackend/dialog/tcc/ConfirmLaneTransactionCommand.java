package io.chatbackend.dialog.tcc;

public record ConfirmLaneTransactionCommand(String txId) {
}
