package io.chatbackend.message.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The send ended without a message: cancelled, and the participant acknowledged (or refused the Try). */
public record AbandonSendCommand(@TargetAggregateIdentifier String messageId, String reason) {
}
