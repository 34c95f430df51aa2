package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.HistoryItem;
import io.chatbackend.notification.dialogs.HistoryPage;
import io.chatbackend.notification.dialogs.UserDialog;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Dialogs and their history in memory, for unit tests of a session: {@link #append} assigns the dialogSeqs a
 * Confirm would; a message appended "lagging" has its dialogSeq but is not in history yet (the read model lags).
 */
final class InMemoryHistory implements History {

    private final Map<UUID, Dialog> dialogs = new HashMap<>();
    private int pageCalls;
    private boolean tellsLastDialogSeq = true;

    /** Answer the user's dialogs without their last dialogSeq, as a dialog-domain before it did. */
    synchronized void withoutLastDialogSeq() {
        tellsLastDialogSeq = false;
    }

    /** How many history pages were asked for. */
    synchronized int pageCalls() {
        return pageCalls;
    }

    /** A member; returns their joinedAtSeq (the next message's dialogSeq). */
    synchronized long join(UUID dialog, UUID user) {
        Dialog state = dialogs.computeIfAbsent(dialog, d -> new Dialog());
        long joinedAtSeq = state.lastSeq + 1;
        state.members.put(user, joinedAtSeq);
        return joinedAtSeq;
    }

    synchronized long append(UUID dialog, UUID sender, String text) {
        return append(dialog, sender, text, true);
    }

    /** A message with its dialogSeq that history does not show yet. */
    synchronized long appendLagging(UUID dialog, UUID sender, String text) {
        return append(dialog, sender, text, false);
    }

    private long append(UUID dialog, UUID sender, String text, boolean inHistory) {
        Dialog state = dialogs.computeIfAbsent(dialog, d -> new Dialog());
        long seq = ++state.lastSeq;
        HistoryItem item = new HistoryItem(UUID.randomUUID().toString(), dialog, sender, seq, seq,
                new HistoryItem.Body("text", text), Instant.now(), 1);
        if (inHistory) {
            state.history.put(seq, item);
        }
        return seq;
    }

    @Override
    public synchronized Mono<List<UserDialog>> dialogsOf(UUID userId) {
        List<UserDialog> memberships = new ArrayList<>();
        dialogs.forEach((id, dialog) -> {
            Long joinedAtSeq = dialog.members.get(userId);
            if (joinedAtSeq != null) {
                memberships.add(new UserDialog(id, joinedAtSeq, tellsLastDialogSeq ? dialog.lastSeq : null));
            }
        });
        return Mono.just(memberships);
    }

    @Override
    public synchronized Mono<HistoryPage> page(UUID dialogId, UUID viewer, long afterSeq, int limit) {
        pageCalls++;
        Dialog dialog = dialogs.get(dialogId);
        Long joinedAtSeq = dialog == null ? null : dialog.members.get(viewer);
        if (joinedAtSeq == null) {
            return Mono.just(HistoryPage.notAMember());
        }
        List<HistoryItem> visible = new ArrayList<>(
                dialog.history.tailMap(Math.max(afterSeq, joinedAtSeq - 1), false).values());
        boolean hasMore = visible.size() > limit;
        return Mono.just(new HistoryPage(List.copyOf(visible.subList(0, Math.min(limit, visible.size()))), hasMore,
                1, true));
    }

    private static final class Dialog {
        long lastSeq;
        final Map<UUID, Long> members = new LinkedHashMap<>();
        final TreeMap<Long, HistoryItem> history = new TreeMap<>();
    }
}
