package io.chatbackend.uaa.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): a user's public profile changed (today: the display name). uaa publishes it from its
 * transactional outbox to topic {@link UserRegistered#TOPIC}, keyed by the user id, so it follows the user's
 * {@code UserRegistered} in order; other contexts keep the names they show from these two events instead of calling
 * uaa per item. Sample: {@code contract-samples/UserProfileChanged.v1.json}; read tolerantly.
 *
 * @param userId      the user (also the Kafka key)
 * @param username    the unchanged login name
 * @param displayName the new display name
 * @param changedAt   when it changed
 */
public record UserProfileChanged(UUID userId, String username, String displayName, Instant changedAt) {

    /** The envelope's {@code type}. */
    public static final String TYPE = "UserProfileChanged";
    /** The envelope's {@code version} of this payload form. */
    public static final int VERSION = 1;
}
