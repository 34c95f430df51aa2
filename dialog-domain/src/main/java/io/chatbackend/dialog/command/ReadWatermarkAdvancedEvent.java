package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.util.UUID;

@Revision("1")
public record ReadWatermarkAdvancedEvent(String markerId, String dialogId, UUID userId, long readSeq) {
}
