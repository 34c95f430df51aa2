package io.chatbackend.uaa.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): an account exists. uaa publishes it from its transactional outbox to topic
 * {@value #TOPIC}, keyed by the user id, in the standard envelope (type {@value #TYPE}, {@code aggregateId} = the
 * user id). A sample of the full envelope is {@code contract-samples/UserRegistered.v1.json}; consumers read it
 * tolerantly (unknown members ignored), so later versions may add members.
 *
 * @param userId       the new account's id (also the Kafka key)
 * @param username     the normalized, unique login name
 * @param displayName  the name shown to others
 * @param registeredAt when the account was created
 */
public record UserRegistered(UUID userId, String username, String displayName, Instant registeredAt) {

    /** The envelope's {@code type}. */
    public static final String TYPE = "UserRegistered";
    /** The envelope's {@code version} of this payload form. */
    public static final int VERSION = 1;
    /** The topic, kept forever; keyed by user id. */
    public static final String TOPIC = "uaa.users.v1";
}
