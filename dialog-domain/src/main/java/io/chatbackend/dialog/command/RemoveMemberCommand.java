package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RemoveMemberCommand(@TargetAggregateIdentifier String dialogId, UUID actorId, UUID userId) {
}
