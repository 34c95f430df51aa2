package io.chatbackend.dialog.command;

import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} lifted its block of {@code blockedId}. */
public record UserUnblockedEvent(String blockerId, UUID blockedId, Instant unblockedAt) {
}
