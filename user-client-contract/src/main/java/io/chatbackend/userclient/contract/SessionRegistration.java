package io.chatbackend.userclient.contract;

import java.util.UUID;

/**
 * Body of {@code POST /internal/sessions}: a notification node accepted a WebSocket session. Registering the same
 * session again only extends its expiry. Refused with {@code 409 CLIENT_REVOKED} for a revoked device.
 *
 * @param sessionId the node's id of the session (1 to 128 of {@code [A-Za-z0-9._:-]})
 * @param userId    the session's user (from the ticket the node checked)
 * @param deviceId  the session's device ({@code did})
 * @param nodeId    the node that holds the socket
 */
public record SessionRegistration(String sessionId, UUID userId, String deviceId, String nodeId) {
}
