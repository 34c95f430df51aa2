package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.util.UUID;

@Revision("1")
public record MessageAppendedEvent(String dialogId, String messageId, UUID senderId, long senderSeq,
                                   long dialogSeq) {
}
