package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Try: hold the sender's lane for one send transaction until {@code expiresAt}. */
public record ReserveLaneCommand(@TargetAggregateIdentifier String laneId, String dialogId, UUID senderId, String txId,
                                 Instant expiresAt, Instant now) {
}
