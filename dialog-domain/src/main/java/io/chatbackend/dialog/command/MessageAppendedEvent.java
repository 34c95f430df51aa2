package io.chatbackend.dialog.command;

import java.util.UUID;

public record MessageAppendedEvent(String dialogId, String messageId, UUID senderId, long senderSeq,
                                   long dialogSeq) {
}
