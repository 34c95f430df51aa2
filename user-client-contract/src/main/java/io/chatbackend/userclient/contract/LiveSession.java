package io.chatbackend.userclient.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A live WebSocket session as user-client records it: which notification node holds it, and until when it counts
 * as alive without another heartbeat. Answer of {@code POST /internal/sessions} and
 * {@code GET /internal/users/{userId}/sessions}.
 *
 * @param sessionId the session id the node chose
 * @param userId    the session's user
 * @param deviceId  the session's device
 * @param nodeId    the notification node that holds the socket
 * @param expiresAt when it expires unless a heartbeat extends it
 */
public record LiveSession(String sessionId, UUID userId, String deviceId, String nodeId, Instant expiresAt) {
}
