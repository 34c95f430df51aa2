package io.chatbackend.message.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CompleteSendCommand(@TargetAggregateIdentifier String messageId, long senderSeq, long dialogSeq,
                                  Instant sentAt) {
}
