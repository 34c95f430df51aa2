package io.chatbackend.message.command;

public enum MessageStatus {
    PENDING,
    SENT,
    CANCELLED
}
