package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Put a confirmed message into the dialog's history: it gets the next dialogSeq. */
public record AppendMessageCommand(@TargetAggregateIdentifier String dialogId, String messageId, UUID senderId,
                                   long senderSeq) {
}
