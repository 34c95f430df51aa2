package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record DialogCreatedEvent(String dialogId, DialogType type, String title, UUID createdBy, Instant createdAt) {
}
