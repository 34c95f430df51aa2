package io.chatbackend.dialog.tcc;

/** The sender left the dialog between Try and Confirm: the confirmation is rolled back and the send cancelled. */
class SenderLeftDialogException extends RuntimeException {

    SenderLeftDialogException(String txId) {
        super("the sender of transaction " + txId + " is no longer a member", null, false, false);
    }
}
