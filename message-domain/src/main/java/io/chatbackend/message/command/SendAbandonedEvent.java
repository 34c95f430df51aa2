package io.chatbackend.message.command;

public record SendAbandonedEvent(String messageId, String reason) {
}
