package io.chatbackend.dialog.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A page of the inbox, most recent activity first; pass {@code nextCursor} for the next page (null: no more). */
public record InboxPage(List<InboxEntry> items, String nextCursor, long epoch) {

    /** Who sent the entries' last messages. */
    public List<UUID> senders() {
        return items.stream().map(InboxEntry::lastMessage).filter(Objects::nonNull).map(TimelineItem::senderId)
                .distinct().toList();
    }

    /** This page with the names of its last messages' senders. */
    public InboxPage named(Map<UUID, String> names) {
        return new InboxPage(items.stream().map(entry -> entry.lastMessage() == null ? entry
                : new InboxEntry(entry.dialogId(), entry.type(), entry.title(), entry.joinedAtSeq(),
                        entry.lastDialogSeq(), entry.readSeq(), entry.unreadCount(),
                        entry.lastMessage().named(names), entry.lastActivityAt())).toList(), nextCursor, epoch);
    }
}
