package io.chatbackend.dialog.readmodel;

import java.time.Instant;
import java.util.UUID;

/** One message of a dialog's history as clients read it. The id is a string: 64-bit ids do not fit JSON numbers. */
public record TimelineItem(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, Body body,
                           Instant sentAt, int version) {

    public record Body(String type, String text) {
    }
}
