package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LaneConfirmedEvent(String laneId, String txId, long senderSeq) {
}
