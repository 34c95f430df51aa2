package io.chatbackend.userclient.contract;

import java.util.List;

/**
 * Body of {@code POST /internal/sessions/heartbeat}: the node still holds these sessions; each one's expiry moves
 * to now + the session TTL. At most 1,000 ids per call (send several calls for more).
 *
 * @param nodeId     the node sending the heartbeat; only its own sessions are extended
 * @param sessionIds the sessions it holds
 */
public record SessionHeartbeat(String nodeId, List<String> sessionIds) {
}
