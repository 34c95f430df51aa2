package io.chatbackend.uaa.integration;

import java.time.Instant;
import java.util.UUID;

/** Integration event (v1): an account exists. Published from the outbox, keyed by user id. */
public record UserRegistered(UUID userId, String username, String displayName, Instant registeredAt) {

    public static final String TYPE = "UserRegistered";
    public static final int VERSION = 1;
    public static final String TOPIC = "uaa.users.v1";
}
