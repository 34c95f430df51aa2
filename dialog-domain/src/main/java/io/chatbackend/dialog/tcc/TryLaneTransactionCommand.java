package io.chatbackend.dialog.tcc;

import java.time.Duration;

public record TryLaneTransactionCommand(String txId, LaneSubject subject, Duration expiresIn) {
}
