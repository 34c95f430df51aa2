package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v1): a member has read the dialog up to {@code readSeq}: by marking it read, or by sending
 * (a sender has read everything up to their own message). Watermarks only move forward, but two sources may
 * publish them out of numeric order: consumers keep the maximum.
 *
 * @param bySending whether the watermark moved because the member sent the message at {@code readSeq} (added in
 *                  v1; absent = false). Whoever received that message already knows it: its sender has read up to
 *                  it, so live delivery sends no receipt for such a watermark (ADR 0013).
 */
public record ReadWatermarkAdvanced(UUID dialogId, UUID userId, long readSeq, boolean bySending) {

    public static final String TYPE = "ReadWatermarkAdvanced";
    public static final int VERSION = 1;
}
