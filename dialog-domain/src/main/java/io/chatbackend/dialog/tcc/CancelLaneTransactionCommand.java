package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.command.LaneRelease;

public record CancelLaneTransactionCommand(String txId, LaneRelease reason) {
}
