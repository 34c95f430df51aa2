package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} blocked {@code blockedId}: the blocked user can no longer reach them (ADR 0024). */
@Revision("1")
public record UserBlockedEvent(String blockerId, UUID blockedId, Instant blockedAt) {
}
