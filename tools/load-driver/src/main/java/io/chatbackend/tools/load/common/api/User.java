package io.chatbackend.tools.load.common.api;

/** A provisioned user and its access token. */
public record User(String userId, String token) {
}
