package io.chatbackend.dialog.command;

import java.util.UUID;

public record ReadWatermarkAdvancedEvent(String markerId, String dialogId, UUID userId, long readSeq) {
}
