package io.chatbackend.dialog.contract.events;

import java.util.UUID;

/**
 * Integration event (v1): a member has read the dialog up to {@code readSeq} by marking it read. Watermarks only
 * move forward, but two sources may publish them out of numeric order: consumers keep the maximum.
 *
 * <p>A send moves its sender's watermark too (a sender has read everything up to their own message), and
 * message-domain's {@code MessageSent} says so: its {@code senderId} has read the dialog up to its
 * {@code dialogSeq}. dialog-domain no longer publishes a watermark event per send (ADR 0021's stop-24 amendment);
 * the ones it published before stay in the topic's history with {@code bySending = true} and mean the same.
 *
 * @param bySending whether the watermark moved because the member sent the message at {@code readSeq} (added in
 *                  v1; absent = false; only in events published before that change). Whoever received that
 *                  message already knows it, so live delivery sends no receipt for such a watermark (ADR 0013).
 */
public record ReadWatermarkAdvanced(UUID dialogId, UUID userId, long readSeq, boolean bySending) {

    public static final String TYPE = "ReadWatermarkAdvanced";
    public static final int VERSION = 1;
}
