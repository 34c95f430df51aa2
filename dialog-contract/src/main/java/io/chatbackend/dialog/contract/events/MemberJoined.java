package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v1): a user became a member. They see the history from {@code joinedAtSeq} on (the dialogSeq
 * of the first message after they joined).
 *
 * @param role {@code "ADMIN"} or {@code "MEMBER"}
 */
public record MemberJoined(UUID dialogId, UUID userId, String role, long joinedAtSeq) {

    public static final String TYPE = "MemberJoined";
    public static final int VERSION = 1;
}
