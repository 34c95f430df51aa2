package io.chatbackend.dialog.readmodel;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of history, ascending by dialogSeq; {@code hasMore} says more exists in the direction of paging. */
public record HistoryPage(List<TimelineItem> items, boolean hasMore, long epoch) {

    /** Who sent the page's messages. */
    public List<UUID> senders() {
        return items.stream().map(TimelineItem::senderId).distinct().toList();
    }

    /** This page with its senders' names. */
    public HistoryPage named(Map<UUID, String> names) {
        return new HistoryPage(items.stream().map(item -> item.named(names)).toList(), hasMore, epoch);
    }
}
