package io.chatbackend.dialog.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message of a dialog's history as clients read it. The id is a string: 64-bit ids do not fit JSON numbers.
 * {@code senderDisplayName} is the sender's name as dialog-domain last learnt it from UAA (absent when unknown).
 */
public record TimelineItem(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, Body body,
                           Instant sentAt, int version,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String senderDisplayName) {

    public TimelineItem(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, Body body,
                        Instant sentAt, int version) {
        this(messageId, dialogId, senderId, senderSeq, dialogSeq, body, sentAt, version, null);
    }

    /** This item with its sender's name from {@code names}, if it has one. */
    public TimelineItem named(Map<UUID, String> names) {
        return new TimelineItem(messageId, dialogId, senderId, senderSeq, dialogSeq, body, sentAt, version,
                names.get(senderId));
    }

    public record Body(String type, String text) {
    }
}
