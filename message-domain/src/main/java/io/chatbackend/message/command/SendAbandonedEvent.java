package io.chatbackend.message.command;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SendAbandonedEvent(String messageId, String reason) {
}
