package io.chatbackend.dialog.command;

import java.time.Instant;
import java.util.UUID;

public record DialogCreatedEvent(String dialogId, DialogType type, String title, UUID createdBy, Instant createdAt) {
}
