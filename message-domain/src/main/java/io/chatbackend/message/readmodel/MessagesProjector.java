package io.chatbackend.message.readmodel;

import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code messages_by_id} current from the event store with a tracking processor (its position in the token
 * store): it catches up after a Cassandra outage and writes to the building tables too while a rebuild runs.
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
    void on(Object event, EventMessage<?> message) {
        projection.apply(message, logical -> catalog.writeTables(MessageReadModels.MESSAGES, logical));
    }
}
