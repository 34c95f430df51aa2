package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} lifts its block of {@code blockedId}; lifting a block that does not exist changes nothing. */
public record UnblockUserCommand(@TargetAggregateIdentifier String blockerId, UUID blockedId, Instant at) {
}
