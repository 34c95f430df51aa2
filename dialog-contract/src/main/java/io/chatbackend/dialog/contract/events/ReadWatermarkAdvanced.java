package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v1): a member has read the dialog up to {@code readSeq}: by marking it read, or by sending
 * (a sender has read everything up to their own message). Watermarks only move forward, but two sources may
 * publish them out of numeric order: consumers keep the maximum.
 */
public record ReadWatermarkAdvanced(UUID dialogId, UUID userId, long readSeq) {

    public static final String TYPE = "ReadWatermarkAdvanced";
    public static final int VERSION = 1;
}
