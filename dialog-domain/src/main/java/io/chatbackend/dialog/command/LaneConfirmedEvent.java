package io.chatbackend.dialog.command;

public record LaneConfirmedEvent(String laneId, String txId, long senderSeq) {
}
