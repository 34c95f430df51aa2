package io.chatbackend.message.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the decision; the first decision wins and is returned to every later caller (e.g. recovery). */
public record DecideSendCommand(@TargetAggregateIdentifier String messageId, SendDecision decision) {
}
