package io.chatbackend.message.readmodel;

import io.chatbackend.message.command.MessageSentEvent;
import io.chatbackend.platform.axon.PendingWrites;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code messages_by_id} current from the event store with a tracking processor (its position in the token
 * store): it catches up after a Cassandra outage and writes to the building tables too while a rebuild runs.
 * <p>
 * It handles only the events the model is made of, so the processor skips every other type without a unit of work
 * or a token update; and the writes of one batch are awaited together before its token commits
 * ({@link PendingWrites}).
 */
@Component
@ProcessingGroup(MessageReadModels.MESSAGES_PROCESSOR)
class MessagesProjector {

    private final MessagesProjection projection;
    private final ReadModelCatalog catalog;

    MessagesProjector(MessagesProjection projection, ReadModelCatalog catalog) {
        this.projection = projection;
        this.catalog = catalog;
    }

    @EventHandler
    void on(MessageSentEvent sent, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        PendingWrites.awaitBeforeCommit(unitOfWork,
                projection.writes(message, logical -> catalog.writeTables(MessageReadModels.MESSAGES, logical)));
    }
}
