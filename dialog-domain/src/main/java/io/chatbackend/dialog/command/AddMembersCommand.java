package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

public record AddMembersCommand(@TargetAggregateIdentifier String dialogId, UUID actorId, List<UUID> userIds,
                                int maxMembers) {
}
