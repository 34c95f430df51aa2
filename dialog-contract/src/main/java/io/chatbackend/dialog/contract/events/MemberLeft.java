package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v1): a user is no longer a member (removed by an admin, or left: then {@code removedBy}
 * equals {@code userId}).
 */
public record MemberLeft(UUID dialogId, UUID userId, UUID removedBy) {

    public static final String TYPE = "MemberLeft";
    public static final int VERSION = 1;
}
