package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Try and Confirm on the lane in one step (ADR 0018): number the sender's next message for {@code txId} at once,
 * unless another transaction holds the lane and has not expired at {@code now}.
 */
public record TakeLaneCommand(@TargetAggregateIdentifier String laneId, String dialogId, UUID senderId, String txId,
                              Instant now) {
}
