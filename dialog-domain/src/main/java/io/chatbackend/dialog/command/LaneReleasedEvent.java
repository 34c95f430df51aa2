package io.chatbackend.dialog.command;

public record LaneReleasedEvent(String laneId, String txId, LaneRelease reason) {
}
