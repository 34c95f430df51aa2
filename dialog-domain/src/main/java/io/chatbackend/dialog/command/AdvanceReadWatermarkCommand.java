package io.chatbackend.dialog.command;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member has read the dialog up to {@code upToSeq} (the caller checked it is within the dialog's history). */
public record AdvanceReadWatermarkCommand(@TargetAggregateIdentifier String markerId, String dialogId, UUID userId,
                                          long upToSeq) {
}
