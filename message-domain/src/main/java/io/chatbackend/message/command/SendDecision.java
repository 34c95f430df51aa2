package io.chatbackend.message.command;

/** The coordinator's decision for a send transaction, recorded durably before phase two. */
public enum SendDecision {
    CONFIRM,
    CANCEL
}
