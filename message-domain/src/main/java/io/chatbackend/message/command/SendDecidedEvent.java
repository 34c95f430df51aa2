package io.chatbackend.message.command;

public record SendDecidedEvent(String messageId, SendDecision decision) {
}
