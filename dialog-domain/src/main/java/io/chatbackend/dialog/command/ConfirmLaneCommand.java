package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ConfirmLaneCommand(@TargetAggregateIdentifier String laneId, String txId, Instant now) {
}
