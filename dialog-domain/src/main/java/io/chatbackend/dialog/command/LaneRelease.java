package io.chatbackend.dialog.command;

public enum LaneRelease {
    CANCELLED,
    EXPIRED
}
