package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} lifted its block of {@code blockedId}. */
@Revision("1")
public record UserUnblockedEvent(String blockerId, UUID blockedId, Instant unblockedAt) {
}
