package io.chatbackend.notification.membership;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in which dialog, from dialog-domain's membership events: the fan-out's recipient lists; and who blocked
 * whom, from its block events, for presence. Held in memory
 * and rebuilt from the topic's beginning at every start (the topic is kept forever), see {@link MembershipTail}.
 *
 * <p>Order-free and idempotent: per (dialog, user) the entry remembers the event sequence it came from, and an
 * event with a lower or equal sequence changes nothing, so a redelivered or replayed join never undoes a later
 * leave. A leave is kept as a tombstone for that reason.
 */
public final class MembershipView {

    private final IntegrationEventCodec codec;
    private final Map<UUID, Map<UUID, Entry>> byDialog = new ConcurrentHashMap<>();
    /** Dialogs each user has an entry in (member or not): for {@link #shareADialog}. */
    private final Map<UUID, java.util.Set<UUID>> byUser = new ConcurrentHashMap<>();
    /** Per blocker, per blocked user: whether blocked, by the block list's newest sequence (ADR 0024). */
    private final Map<UUID, Map<UUID, Block>> blocksByBlocker = new ConcurrentHashMap<>();

    public MembershipView(IntegrationEventCodec codec) {
        this.codec = codec;
    }

    /** Applies a dialog or block event; other types than joins, leaves, blocks and unblocks are ignored. */
    public void apply(IntegrationEvent event) {
        switch (event.type()) {
            case MemberJoined.TYPE -> {
                MemberJoined joined = codec.payload(event, MemberJoined.class);
                put(joined.dialogId(), joined.userId(), new Entry(true, joined.joinedAtSeq(),
                        event.aggregateSequence()));
            }
            case MemberLeft.TYPE -> {
                MemberLeft left = codec.payload(event, MemberLeft.class);
                put(left.dialogId(), left.userId(), new Entry(false, Long.MAX_VALUE, event.aggregateSequence()));
            }
            case UserBlocked.TYPE -> {
                UserBlocked blocked = codec.payload(event, UserBlocked.class);
                putBlock(blocked.blockerId(), blocked.blockedId(), true, event.aggregateSequence());
            }
            case UserUnblocked.TYPE -> {
                UserUnblocked unblocked = codec.payload(event, UserUnblocked.class);
                putBlock(unblocked.blockerId(), unblocked.blockedId(), false, event.aggregateSequence());
            }
            default -> {
                // DialogCreated (members follow as joins), ReadWatermarkAdvanced: not membership
            }
        }
    }

    /** Members who see {@code dialogSeq} (joined at or before it). */
    public List<UUID> recipients(UUID dialogId, long dialogSeq) {
        Map<UUID, Entry> members = byDialog.get(dialogId);
        if (members == null) {
            return List.of();
        }
        List<UUID> recipients = new ArrayList<>(members.size());
        members.forEach((user, entry) -> {
            if (entry.member() && entry.joinedAtSeq() <= dialogSeq) {
                recipients.add(user);
            }
        });
        return recipients;
    }

    /** Whether the view knows this user as a member who sees {@code dialogSeq}. */
    public boolean sees(UUID dialogId, UUID userId, long dialogSeq) {
        Map<UUID, Entry> members = byDialog.get(dialogId);
        Entry entry = members == null ? null : members.get(userId);
        return entry != null && entry.member() && entry.joinedAtSeq() <= dialogSeq;
    }

    /** The current members of a dialog (empty if unknown). */
    public List<UUID> members(UUID dialogId) {
        return recipients(dialogId, Long.MAX_VALUE - 1);
    }

    /** Whether the user is a member of the dialog now. */
    public boolean isMember(UUID dialogId, UUID userId) {
        Map<UUID, Entry> members = byDialog.get(dialogId);
        Entry entry = members == null ? null : members.get(userId);
        return entry != null && entry.member();
    }

    /** Whether both users are members of one dialog (presence is visible only then). */
    public boolean shareADialog(UUID a, UUID b) {
        if (a.equals(b)) {
            return true;
        }
        java.util.Set<UUID> dialogs = byUser.get(a);
        if (dialogs == null) {
            return false;
        }
        for (UUID dialog : dialogs) {
            if (isMember(dialog, a) && isMember(dialog, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code viewer} may see {@code target}'s presence: they share a dialog and {@code target} has not
     * blocked {@code viewer} (a blocker looks like a stranger to whom they blocked, ADR 0024).
     */
    public boolean seesPresenceOf(UUID viewer, UUID target) {
        Map<UUID, Block> blocked = blocksByBlocker.get(target);
        Block block = blocked == null ? null : blocked.get(viewer);
        return shareADialog(viewer, target) && (block == null || !block.blocked());
    }

    /** Dialogs known (for health and tests). */
    public int dialogs() {
        return byDialog.size();
    }

    private void putBlock(UUID blocker, UUID blocked, boolean isBlocked, long sequence) {
        if (blocker == null || blocked == null) {
            return;
        }
        // the newest sequence of the blocker's list wins
        blocksByBlocker.computeIfAbsent(blocker, b -> new ConcurrentHashMap<>()).merge(blocked,
                new Block(isBlocked, sequence), (old, fresh) -> fresh.sequence() > old.sequence() ? fresh : old);
    }

    private void put(UUID dialogId, UUID userId, Entry entry) {
        byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(dialogId);
        byDialog.computeIfAbsent(dialogId, d -> new ConcurrentHashMap<>()).merge(userId, entry,
                (old, fresh) -> fresh.sequence() < 0 || fresh.sequence() > old.sequence() ? fresh : old);
    }

    /** @param sequence the event's aggregate sequence (-1 when unknown: then it always applies) */
    private record Entry(boolean member, long joinedAtSeq, long sequence) {
    }

    private record Block(boolean blocked, long sequence) {
    }
}
