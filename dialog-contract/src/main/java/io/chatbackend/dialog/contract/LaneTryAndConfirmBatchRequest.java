package io.chatbackend.dialog.contract;

import java.util.List;

/**
 * Several Try-and-Confirms ({@link LaneTryAndConfirmRequest}) in one call, so that concurrent sends share one
 * request and one commit: {@code POST /internal/tcc/lanes/try-confirm-batch}, service token with scope {@code tcc}.
 * Each attempt is answered as it would be alone, in a {@link LaneTryAndConfirmBatchResponse} in the same order.
 * From 1 to {@link #MAX_ATTEMPTS} attempts; more or none is {@code 400 VALIDATION_FAILED}.
 */
public record LaneTryAndConfirmBatchRequest(List<LaneTryAndConfirmRequest> attempts) {

    public static final int MAX_ATTEMPTS = 256;
}
