package io.chatbackend.notification.dialogs;

import java.time.Instant;
import java.util.UUID;

/** One message of a dialog's history (dialog-domain's public item shape; unknown members are ignored). */
public record HistoryItem(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, Body body,
                          Instant sentAt, int version) {

    public record Body(String type, String text) {
    }
}
