package io.chatbackend.userclient.integration;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.ReceivedEvent;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/** A handler that applies each polled batch of events in one database transaction (one event: its own). */
abstract class TransactionalEventHandler implements IntegrationEventHandler {

    private final TransactionTemplate transactions;

    TransactionalEventHandler(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    @Override
    public void handleBatch(List<ReceivedEvent> events) {
        transactions.executeWithoutResult(status -> events.forEach(received -> apply(received.event())));
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        transactions.executeWithoutResult(status -> apply(event));
    }

    /** Applies one event inside the caller's transaction; must be idempotent (delivery is at least once). */
    abstract void apply(IntegrationEvent event);
}
