package io.chatbackend.tools.load.send.api;

/** Who sends into which dialog. */
public record SendTarget(User sender, String dialogId) {
}
