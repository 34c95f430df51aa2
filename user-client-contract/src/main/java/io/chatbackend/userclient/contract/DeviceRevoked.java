package io.chatbackend.userclient.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): a user revoked one of their devices (clients). From now on the device may hold no live
 * session and must not get new tokens: UAA revokes the device's refresh tokens, notification closes its sockets.
 * Published once per revocation (revoking again publishes nothing) on {@link UserClientTopics#USERS}, keyed by
 * {@code userId}. Consumers are idempotent: applying it twice changes nothing.
 *
 * @param userId    the device's owner
 * @param deviceId  the device id (the {@code did} claim of its tokens)
 * @param revokedAt when it was revoked
 */
public record DeviceRevoked(UUID userId, String deviceId, Instant revokedAt) {

    public static final String TYPE = "DeviceRevoked";
    public static final int VERSION = 1;
    /** The classpath resource holding a complete sample envelope of this event. */
    public static final String SAMPLE = "contract-samples/DeviceRevoked.v1.json";
}
