package io.chatbackend.userclient.contract;

import java.util.UUID;

/**
 * A session a notification node opened, as listed in {@link SessionChanges#opened()}. Registering it does what
 * {@code POST /internal/sessions} does for a {@link SessionRegistration} of the same node.
 *
 * @param sessionId the node's id of the session (1 to 128 of {@code [A-Za-z0-9._:-]})
 * @param userId    the session's user (from the ticket the node checked)
 * @param deviceId  the session's device ({@code did})
 */
public record NodeSession(String sessionId, UUID userId, String deviceId) {
}
