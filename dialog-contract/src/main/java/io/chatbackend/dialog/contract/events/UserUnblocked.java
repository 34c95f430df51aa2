package io.chatbackend.dialog.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1) on {@link DialogTopics#BLOCKS}, keyed by the blocker: {@code blockerId} lifted its block
 * of {@code blockedId}. Sample: {@code contract-samples/UserUnblocked.v1.json}.
 */
public record UserUnblocked(UUID blockerId, UUID blockedId, Instant unblockedAt) {

    public static final String TYPE = "UserUnblocked";
    public static final int VERSION = 1;
}
