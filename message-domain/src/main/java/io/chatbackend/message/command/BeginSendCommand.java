package io.chatbackend.message.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record BeginSendCommand(@TargetAggregateIdentifier String messageId, UUID dialogId, UUID senderId,
                               UUID clientMessageId, String text) {
}
