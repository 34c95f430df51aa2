package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A member sees the dialog's history from {@code joinedAtSeq} (the next dialogSeq when they joined).
 *
 * <p>Revision 2 (ADR 0029) records who added them: {@code addedBy} is the dialog's creator for the members it was
 * created with, the member who added them later otherwise. Revision 1 did not record it: read through
 * {@code MemberJoinedRevision2Upcaster}, it is null there.
 */
@Revision("2")
public record MemberJoinedEvent(String dialogId, UUID userId, MemberRole role, long joinedAtSeq, UUID addedBy) {
}
