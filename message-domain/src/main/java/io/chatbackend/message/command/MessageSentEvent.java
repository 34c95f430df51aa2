package io.chatbackend.message.command;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record MessageSentEvent(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq,
                               String text, Instant sentAt) {
}
