package io.chatbackend.dialog.readmodel;

import java.util.List;

/** A page of the inbox, most recent activity first; pass {@code nextCursor} for the next page (null: no more). */
public record InboxPage(List<InboxEntry> items, String nextCursor, long epoch) {
}
