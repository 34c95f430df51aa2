package io.chatbackend.dialog.contract;

import java.util.UUID;

/**
 * Try of the sender-lane TCC protocol: reserve the lane {@code (dialogId, senderId)} for transaction {@code txId}
 * for {@code expiresInMillis}. {@code POST /internal/tcc/lanes/try}, service token with scope {@code tcc}.
 */
public record LaneTryRequest(String txId, UUID dialogId, UUID senderId, long expiresInMillis) {
}
