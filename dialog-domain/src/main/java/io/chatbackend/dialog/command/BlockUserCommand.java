package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} blocks {@code blockedId} (ADR 0024); blocking someone already blocked changes nothing. */
public record BlockUserCommand(@TargetAggregateIdentifier String blockerId, UUID blockedId, Instant at) {
}
