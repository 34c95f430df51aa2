package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel, or the sweeper expiring a reservation: the lane lets go of the transaction without a message. */
public record ReleaseLaneCommand(@TargetAggregateIdentifier String laneId, String txId, LaneRelease reason) {
}
