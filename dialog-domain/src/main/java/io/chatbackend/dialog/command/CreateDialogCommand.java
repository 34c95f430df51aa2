package io.chatbackend.dialog.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

/** Create a dialog; for a direct dialog the id is derived from the pair, so a second create finds the first. */
public record CreateDialogCommand(@TargetAggregateIdentifier String dialogId, DialogType type, String title,
                                  UUID createdBy, List<UUID> memberIds, int maxMembers) {
}
