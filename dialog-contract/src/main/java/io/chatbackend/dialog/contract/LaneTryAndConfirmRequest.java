package io.chatbackend.dialog.contract;

import java.util.UUID;

/**
 * Try and Confirm of the sender-lane TCC protocol in one step (ADR 0018): take the lane {@code (dialogId, senderId)}
 * for transaction {@code txId} and append the message at once. {@code POST /internal/tcc/lanes/try-confirm}, service
 * token with scope {@code tcc}; the answer is a {@link LaneConfirmResponse} ({@code REFUSED} with
 * {@code LANE_BUSY}, {@code NOT_A_MEMBER} or {@code ALREADY_CANCELLED}). Repeating it returns the same answer; a
 * Cancel afterwards answers {@code ALREADY_CONFIRMED}.
 *
 * @param deviceId      the sender's device, from the token of the user's request (optional; for the audit trail)
 * @param correlationId the {@code X-Request-Id} the user's request was answered with (optional; for the audit
 *                      trail, ADR 0027)
 */
public record LaneTryAndConfirmRequest(String txId, UUID dialogId, UUID senderId, String deviceId,
                                       String correlationId) {

    public LaneTryAndConfirmRequest(String txId, UUID dialogId, UUID senderId) {
        this(txId, dialogId, senderId, null, null);
    }
}
