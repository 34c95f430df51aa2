package io.chatbackend.dialog.command;

import java.time.Instant;
import java.util.UUID;

public record LaneReservedEvent(String laneId, String dialogId, UUID senderId, String txId, Instant expiresAt) {
}
