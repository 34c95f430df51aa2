package io.chatbackend.dialog.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A dialog: its members and the dense history numbering ({@code dialogSeq}). It does not hold the messages (the
 * timeline is a read model) nor the senders' lanes (their own aggregates), so a send touches it only for the
 * short, local append at Confirm.
 */
@Aggregate(snapshotTriggerDefinition = "eventCountSnapshotTrigger", cache = "dialogCache")
public class Dialog {

    @AggregateIdentifier
    private String dialogId;
    private DialogType type;
    private Map<UUID, MemberRole> members = new HashMap<>();
    private long lastDialogSeq;

    protected Dialog() {
    }

    @CommandHandler
    public Dialog(CreateDialogCommand command) {
        Set<UUID> memberIds = new LinkedHashSet<>(command.memberIds());
        memberIds.remove(command.createdBy());
        if (command.type() == DialogType.DIRECT && memberIds.size() != 1) {
            throw new IllegalArgumentException("a direct dialog has exactly one peer");
        }
        if (memberIds.size() + 1 > command.maxMembers()) {
            throw new IllegalArgumentException("too many members");
        }
        apply(new DialogCreatedEvent(command.dialogId(), command.type(), command.title(), command.createdBy(),
                Instant.now()));
        MemberRole creatorRole = command.type() == DialogType.GROUP ? MemberRole.ADMIN : MemberRole.MEMBER;
        apply(new MemberJoinedEvent(command.dialogId(), command.createdBy(), creatorRole, 1, command.createdBy()));
        memberIds.forEach(id -> apply(new MemberJoinedEvent(command.dialogId(), id, MemberRole.MEMBER, 1,
                command.createdBy())));
    }

    @CommandHandler
    public DialogCommandResult handle(AddMembersCommand command) {
        if (!members.containsKey(command.actorId())) {
            return DialogCommandResult.rejected(DialogRejection.DIALOG_NOT_FOUND);
        }
        if (type != DialogType.GROUP) {
            return DialogCommandResult.rejected(DialogRejection.NOT_A_GROUP);
        }
        if (members.get(command.actorId()) != MemberRole.ADMIN) {
            return DialogCommandResult.rejected(DialogRejection.FORBIDDEN);
        }
        List<UUID> joining = command.userIds().stream().distinct().filter(id -> !members.containsKey(id)).toList();
        if (members.size() + joining.size() > command.maxMembers()) {
            return DialogCommandResult.rejected(DialogRejection.GROUP_FULL);
        }
        joining.forEach(id -> apply(new MemberJoinedEvent(dialogId, id, MemberRole.MEMBER, lastDialogSeq + 1,
                command.actorId())));
        return DialogCommandResult.accepted();
    }

    @CommandHandler
    public DialogCommandResult handle(RemoveMemberCommand command) {
        if (!members.containsKey(command.actorId())) {
            return DialogCommandResult.rejected(DialogRejection.DIALOG_NOT_FOUND);
        }
        if (type != DialogType.GROUP) {
            return DialogCommandResult.rejected(DialogRejection.NOT_A_GROUP);
        }
        boolean self = command.actorId().equals(command.userId());
        if (!self && members.get(command.actorId()) != MemberRole.ADMIN) {
            return DialogCommandResult.rejected(DialogRejection.FORBIDDEN);
        }
        if (!members.containsKey(command.userId())) {
            return DialogCommandResult.rejected(DialogRejection.NOT_A_MEMBER);
        }
        apply(new MemberLeftEvent(dialogId, command.userId(), command.actorId()));
        return DialogCommandResult.accepted();
    }

    /** Only the lane's Confirm sends this, after the lane assigned the senderSeq. */
    @CommandHandler
    public DialogCommandResult handle(AppendMessageCommand command) {
        if (!members.containsKey(command.senderId())) {
            return DialogCommandResult.rejected(DialogRejection.NOT_A_MEMBER);
        }
        long dialogSeq = lastDialogSeq + 1;
        apply(new MessageAppendedEvent(dialogId, command.messageId(), command.senderId(), command.senderSeq(),
                dialogSeq));
        return DialogCommandResult.appended(dialogSeq);
    }

    @EventSourcingHandler
    void on(DialogCreatedEvent event) {
        dialogId = event.dialogId();
        type = event.type();
    }

    @EventSourcingHandler
    void on(MemberJoinedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberLeftEvent event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(MessageAppendedEvent event) {
        lastDialogSeq = event.dialogSeq();
    }
}
