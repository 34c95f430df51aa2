package io.chatbackend.notification.dialogs;

/**
 * Whether a dialog, as one member sees it, has reached a dialogSeq: the check behind refusing a client's
 * {@code ack} of messages that do not exist (a "delivered" receipt for them would tell every member a lie).
 */
public enum DialogReach {
    /** dialog-domain has a message at or after the dialogSeq. */
    REACHED,
    /** Not (yet) that far: the dialogSeq is beyond the dialog's last message. */
    NOT_REACHED,
    /** The viewer is not a member (or there is no such dialog). */
    NOT_A_MEMBER;

    /** Reads a history page fetched from right before {@code dialogSeq} (see {@link DialogDirectory#reach}). */
    public static DialogReach of(HistoryPage page, long dialogSeq) {
        if (!page.member()) {
            return NOT_A_MEMBER;
        }
        return page.items().stream().anyMatch(item -> item.dialogSeq() >= dialogSeq) ? REACHED : NOT_REACHED;
    }
}
