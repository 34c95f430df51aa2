package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LaneReleasedEvent(String laneId, String txId, LaneRelease reason) {
}
