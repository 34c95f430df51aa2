package io.chatbackend.dialog.tcc;

import java.util.List;

/**
 * Several Try-and-Confirms in one unit of work, so that concurrent sends share one commit; answered in their order.
 */
public record TryAndConfirmLaneTransactionsCommand(List<TryAndConfirmLaneTransactionCommand> attempts) {

    public TryAndConfirmLaneTransactionsCommand {
        attempts = List.copyOf(attempts);
    }
}
