package io.chatbackend.notification.dialogs;

import java.util.UUID;

/**
 * A dialog of a user as dialog-domain's delivery endpoints answer it: the user sees messages from
 * {@code joinedAtSeq} on, and the dialog's last message (as its write side knows it) is {@code lastDialogSeq};
 * null when dialog-domain did not say (an older release), so the caller must ask history.
 */
public record UserDialog(UUID dialogId, long joinedAtSeq, Long lastDialogSeq) {

    /** Whether a client holding everything up to {@code seq} has nothing to fetch (false when not known). */
    public boolean nothingAfter(long seq) {
        return lastDialogSeq != null && lastDialogSeq <= seq;
    }
}
