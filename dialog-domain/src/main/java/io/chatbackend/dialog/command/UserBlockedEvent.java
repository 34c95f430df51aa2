package io.chatbackend.dialog.command;

import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} blocked {@code blockedId}: the blocked user can no longer reach them (ADR 0024). */
public record UserBlockedEvent(String blockerId, UUID blockedId, Instant blockedAt) {
}
