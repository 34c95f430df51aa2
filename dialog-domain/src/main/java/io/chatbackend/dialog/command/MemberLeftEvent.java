package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.util.UUID;

@Revision("1")
public record MemberLeftEvent(String dialogId, UUID userId, UUID removedBy) {
}
