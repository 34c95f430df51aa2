package io.chatbackend.notification.dialogs;

import java.util.List;

/**
 * A page of a dialog's history as one member sees it, ascending by dialogSeq.
 *
 * @param member false when dialog-domain answered that the viewer is not a member (or the dialog does not exist)
 */
public record HistoryPage(List<HistoryItem> items, boolean hasMore, long epoch, boolean member) {

    public HistoryPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static HistoryPage notAMember() {
        return new HistoryPage(List.of(), false, -1, false);
    }
}
