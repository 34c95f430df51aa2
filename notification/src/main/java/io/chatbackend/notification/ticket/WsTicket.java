package io.chatbackend.notification.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a WebSocket ticket says: who may open a session, from which device, on which node, until when; the nonce
 * makes it single-use.
 *
 * @param userId    the user (the access token's {@code sub})
 * @param deviceId  the device (the access token's {@code did})
 * @param expiresAt the end of its short validity
 * @param nonce     random, unique per ticket (URL-safe text)
 * @param nodeId    the only node that accepts it: the one that owns the user's deliveries partition (ADR 0013)
 */
public record WsTicket(UUID userId, String deviceId, Instant expiresAt, String nonce, String nodeId) {

    public WsTicket {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
