package io.chatbackend.dialog.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1) on {@link DialogTopics#BLOCKS}, keyed by the blocker: {@code blockerId} blocked
 * {@code blockedId}, who must from now on learn nothing of the blocker a stranger would not (their presence
 * included). Sample: {@code contract-samples/UserBlocked.v1.json}.
 */
public record UserBlocked(UUID blockerId, UUID blockedId, Instant blockedAt) {

    public static final String TYPE = "UserBlocked";
    public static final int VERSION = 1;
}
