package io.chatbackend.message.command;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SendDecidedEvent(String messageId, SendDecision decision) {
}
