package io.chatbackend.dialog.command;

/** A direct dialog has exactly two members and is unique per pair; a group has a title, admins and members. */
public enum DialogType {
    DIRECT,
    GROUP
}
