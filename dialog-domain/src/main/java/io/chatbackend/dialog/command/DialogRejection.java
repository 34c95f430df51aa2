package io.chatbackend.dialog.command;

/**
 * Why the dialog refused a command: an explicit outcome with a stable code, answered by the web layer
 * (a non-member is told the dialog does not exist).
 */
public enum DialogRejection {
    DIALOG_NOT_FOUND,
    FORBIDDEN,
    GROUP_FULL,
    NOT_A_GROUP,
    NOT_A_MEMBER
}
