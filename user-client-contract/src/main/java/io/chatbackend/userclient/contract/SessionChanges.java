package io.chatbackend.userclient.contract;

import java.util.List;

/**
 * Body of {@code POST /internal/sessions/changes}: the sessions a notification node opened and ended since its last
 * call, applied in one transaction (the batched form of {@code POST /internal/sessions} and
 * {@code DELETE /internal/sessions/{sessionId}}). At most {@value #MAX_ENTRIES} entries in total (opened + ended)
 * per call (send several calls for more). A session both opened and ended in the same call is ended. Answered with
 * {@link SessionChangesResult}.
 *
 * @param nodeId the node that holds the opened sessions' sockets
 * @param opened the sessions it opened (registered again: only their expiry and node move); null counts as empty
 * @param ended  the ids of the sessions it ended (unknown ids are ignored); null counts as empty
 */
public record SessionChanges(String nodeId, List<NodeSession> opened, List<String> ended) {

    /** The most entries (opened + ended) one call may hold. */
    public static final int MAX_ENTRIES = 1000;
}
