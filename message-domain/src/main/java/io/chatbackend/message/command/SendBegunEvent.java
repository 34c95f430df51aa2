package io.chatbackend.message.command;

import java.util.UUID;

public record SendBegunEvent(String messageId, UUID dialogId, UUID senderId, UUID clientMessageId, String text) {
}
