package io.chatbackend.dialog.contract;

import java.util.List;

/** The answers to a {@link LaneTryAndConfirmBatchRequest}, one per attempt in its order. */
public record LaneTryAndConfirmBatchResponse(List<LaneConfirmResponse> answers) {
}
