package io.chatbackend.dialog.command;

public enum MemberRole {
    ADMIN,
    MEMBER
}
