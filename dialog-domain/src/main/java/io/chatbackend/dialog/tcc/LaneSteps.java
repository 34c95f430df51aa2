package io.chatbackend.dialog.tcc;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.dialog.command.AppendMessageCommand;
import io.chatbackend.dialog.command.DialogCommandResult;
import io.chatbackend.dialog.command.LaneOutcome;
import io.chatbackend.dialog.command.SenderLane;
import io.chatbackend.dialog.command.TakeLaneCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The aggregate steps of a Try-and-Confirm, each a nested command carrying the audit metadata of the attempt it
 * belongs to: the sender's lane numbers the message, then the dialog appends it.
 */
final class LaneSteps {

    private final CommandGateway commands;

    LaneSteps(CommandGateway commands) {
        this.commands = commands;
    }

    /** Takes the next number on the subject's lane for {@code txId} (or finds the lane busy). */
    LaneOutcome take(String txId, LaneSubject subject, Instant now, Map<String, ?> audit) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(new TakeLaneCommand(
                SenderLane.idOf(subject.dialogId(), subject.senderId()), subject.dialogId(), subject.senderId(), txId,
                now)).andMetaData(audit));
    }

    /**
     * The lane numbered the message: the dialog appends it.
     *
     * @throws SenderLeftDialogException if the sender is no longer a member
     */
    LaneConfirmation append(String txId, String laneId, long senderSeq, Map<String, ?> audit) {
        int colon = laneId.lastIndexOf(':');
        DialogCommandResult appended = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new AppendMessageCommand(laneId.substring(0, colon), txId, UUID.fromString(laneId.substring(colon + 1)),
                        senderSeq)).andMetaData(audit));
        if (!appended.isAccepted()) {
            throw new SenderLeftDialogException(txId);
        }
        return new LaneConfirmation(senderSeq, appended.dialogSeq());
    }
}
