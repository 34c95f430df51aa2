package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record LaneReservedEvent(String laneId, String dialogId, UUID senderId, String txId, Instant expiresAt) {
}
