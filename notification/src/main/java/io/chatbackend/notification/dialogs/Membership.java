package io.chatbackend.notification.dialogs;

import java.util.UUID;

/**
 * A user's membership in a dialog as dialog-domain's delivery endpoints answer it: the member sees messages from
 * {@code joinedAtSeq} on.
 */
public record Membership(UUID dialogId, UUID userId, long joinedAtSeq) {
}
