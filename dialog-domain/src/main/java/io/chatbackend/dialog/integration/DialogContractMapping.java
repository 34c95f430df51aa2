package io.chatbackend.dialog.integration;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.ReadWatermarkAdvancedEvent;
import io.chatbackend.dialog.command.UserBlockedEvent;
import io.chatbackend.dialog.command.UserUnblockedEvent;
import io.chatbackend.dialog.contract.events.DialogCreated;
import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.ReadWatermarkAdvanced;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;

/**
 * Maps dialog-domain's private domain events to its published integration events (the contract). A send publishes
 * nothing here: lane events are the send protocol's bookkeeping, and what the world learns from a send is
 * message-domain's {@code MessageSent}, which also says that its sender has read the dialog up to its
 * {@code dialogSeq} (ADR 0021's stop-24 amendment: a watermark event per send woke every consumer of the dialog topic
 * for nothing and grew the topic every node replays at start).
 */
final class DialogContractMapping {

    /** A published event: its type, version, topic, Kafka key (the dialog, or the blocker), and its payload. */
    record Published(String type, int version, String topic, UUID key, Object payload) {

        Published(String type, int version, UUID dialogId, Object payload) {
            this(type, version, DialogTopics.DIALOGS, dialogId, payload);
        }
    }

    private DialogContractMapping() {
    }

    static Optional<Published> toContract(Object event) {
        if (event instanceof DialogCreatedEvent created) {
            UUID dialogId = UUID.fromString(created.dialogId());
            return Optional.of(new Published(DialogCreated.TYPE, DialogCreated.VERSION, dialogId,
                    new DialogCreated(dialogId, created.type().name().toLowerCase(Locale.ROOT), created.title(),
                            created.createdBy(), created.createdAt())));
        }
        if (event instanceof MemberJoinedEvent joined) {
            UUID dialogId = UUID.fromString(joined.dialogId());
            return Optional.of(new Published(MemberJoined.TYPE, MemberJoined.VERSION, dialogId,
                    new MemberJoined(dialogId, joined.userId(), joined.role().name(), joined.joinedAtSeq(),
                            joined.addedBy())));
        }
        if (event instanceof MemberLeftEvent left) {
            UUID dialogId = UUID.fromString(left.dialogId());
            return Optional.of(new Published(MemberLeft.TYPE, MemberLeft.VERSION, dialogId,
                    new MemberLeft(dialogId, left.userId(), left.removedBy())));
        }
        if (event instanceof ReadWatermarkAdvancedEvent advanced) {
            UUID dialogId = UUID.fromString(advanced.dialogId());
            return Optional.of(new Published(ReadWatermarkAdvanced.TYPE, ReadWatermarkAdvanced.VERSION, dialogId,
                    new ReadWatermarkAdvanced(dialogId, advanced.userId(), advanced.readSeq(), false)));
        }
        if (event instanceof UserBlockedEvent blocked) {
            UUID blocker = UUID.fromString(blocked.blockerId());
            return Optional.of(new Published(UserBlocked.TYPE, UserBlocked.VERSION, DialogTopics.BLOCKS, blocker,
                    new UserBlocked(blocker, blocked.blockedId(), blocked.blockedAt())));
        }
        if (event instanceof UserUnblockedEvent unblocked) {
            UUID blocker = UUID.fromString(unblocked.blockerId());
            return Optional.of(new Published(UserUnblocked.TYPE, UserUnblocked.VERSION, DialogTopics.BLOCKS, blocker,
                    new UserUnblocked(blocker, unblocked.blockedId(), unblocked.unblockedAt())));
        }
        return Optional.empty();
    }
}
