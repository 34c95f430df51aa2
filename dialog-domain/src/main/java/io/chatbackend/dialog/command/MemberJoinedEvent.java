package io.chatbackend.dialog.command;

import java.util.UUID;

/** A member sees the dialog's history from {@code joinedAtSeq} (the next dialogSeq when they joined). */
public record MemberJoinedEvent(String dialogId, UUID userId, MemberRole role, long joinedAtSeq) {
}
