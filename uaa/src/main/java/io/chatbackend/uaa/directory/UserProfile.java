package io.chatbackend.uaa.directory;

import java.util.UUID;

/** What anyone signed in may know of a user: nothing beyond these three. */
public record UserProfile(UUID userId, String username, String displayName) {
}
