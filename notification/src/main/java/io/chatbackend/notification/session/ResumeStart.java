package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.UserDialog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a resume starts one of the user's dialogs: after what the client holds, never before the user joined; and
 * whether history must be asked at all. It need not when the dialog's last message (as dialog-domain's write side
 * knows it) is at or below that point: anything later reaches the session live, as it was registered before the
 * dialog list was read. Unknown last message (an older dialog-domain): ask.
 *
 * @param from  the last dialogSeq the client counts as having
 * @param fetch whether a catch-up must read history (else only the live deliveries held meanwhile are sent)
 */
record ResumeStart(UUID dialog, long from, boolean fetch) {

    /** One start per dialog of the user, from what the client says it holds per dialog (absent: nothing). */
    static List<ResumeStart> of(List<UserDialog> dialogs, Map<UUID, Long> clientHolds) {
        return dialogs.stream().map(dialog -> {
            long from = Math.max(clientHolds.getOrDefault(dialog.dialogId(), 0L), dialog.joinedAtSeq() - 1);
            return new ResumeStart(dialog.dialogId(), from, !dialog.nothingAfter(from));
        }).toList();
    }
}
