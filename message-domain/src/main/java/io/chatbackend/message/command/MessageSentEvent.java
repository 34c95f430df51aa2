package io.chatbackend.message.command;

import java.time.Instant;
import java.util.UUID;

public record MessageSentEvent(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq,
                               String text, Instant sentAt) {
}
