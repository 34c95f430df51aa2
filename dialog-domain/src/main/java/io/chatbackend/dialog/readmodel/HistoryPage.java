package io.chatbackend.dialog.readmodel;

import java.util.List;

/** A page of history, ascending by dialogSeq; {@code hasMore} says more exists in the direction of paging. */
public record HistoryPage(List<TimelineItem> items, boolean hasMore, long epoch) {
}
