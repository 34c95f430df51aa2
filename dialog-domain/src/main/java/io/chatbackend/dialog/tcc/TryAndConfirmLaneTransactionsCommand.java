package io.chatbackend.dialog.tcc;

import java.util.List;
import java.util.Map;

/**
 * Several Try-and-Confirms in one unit of work, so that concurrent sends share one commit; answered in their order.
 * Each runs as its own nested command with its own audit metadata ({@code audits}, in the same order: who the
 * coordinator acts for and the user's request id, ADR 0027).
 */
public record TryAndConfirmLaneTransactionsCommand(List<TryAndConfirmLaneTransactionCommand> attempts,
                                                   List<Map<String, String>> audits) {

    public TryAndConfirmLaneTransactionsCommand {
        attempts = List.copyOf(attempts);
        audits = List.copyOf(audits);
        if (audits.size() != attempts.size()) {
            throw new IllegalArgumentException("one audit stamp per attempt");
        }
    }
}
