package io.chatbackend.dialog.command;

import java.util.UUID;

public record MemberLeftEvent(String dialogId, UUID userId, UUID removedBy) {
}
