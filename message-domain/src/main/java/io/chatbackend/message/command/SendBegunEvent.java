package io.chatbackend.message.command;

import org.axonframework.serialization.Revision;
import java.util.UUID;

@Revision("1")
public record SendBegunEvent(String messageId, UUID dialogId, UUID senderId, UUID clientMessageId, String text) {
}
