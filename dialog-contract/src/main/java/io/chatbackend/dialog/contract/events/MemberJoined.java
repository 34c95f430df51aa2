package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v2): a user became a member. They see the history from {@code joinedAtSeq} on (the dialogSeq
 * of the first message after they joined).
 *
 * <p>Versions (each frozen in {@code contract-samples/MemberJoined.v<n>.json}): v1 had no {@code addedBy}; v2 adds
 * it. A reader gets {@code addedBy} null from v1 events, which stay on the topic forever, and from v2 events of
 * members whose join was stored before dialog-domain recorded who added them.
 *
 * @param role    {@code "ADMIN"} or {@code "MEMBER"}
 * @param addedBy who added them: the dialog's creator for the members it was created with, else the member who added
 *                them; null when unknown (see above)
 */
public record MemberJoined(UUID dialogId, UUID userId, String role, long joinedAtSeq, UUID addedBy) {

    public static final String TYPE = "MemberJoined";
    public static final int VERSION = 2;
}
