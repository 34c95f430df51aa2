package io.chatbackend.tools.load.common.api;

/** Who sends into which dialog. */
public record SendTarget(User sender, String dialogId) {
}
