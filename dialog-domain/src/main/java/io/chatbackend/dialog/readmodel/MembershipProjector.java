package io.chatbackend.dialog.readmodel;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;

/**
 * Keeps the membership read model up to date from the event store: a tracking processor (its position in the
 * token store), so the model catches up after any outage and can be replayed. Writes go to the live tables and,
 * while a rebuild runs, to the building ones too.
 */
@Component
@ProcessingGroup(DialogReadModels.MEMBERSHIP_PROCESSOR)
class MembershipProjector {

    private final MembershipProjection projection;
    private final ReadModelCatalog catalog;

    MembershipProjector(MembershipProjection projection, ReadModelCatalog catalog) {
        this.projection = projection;
        this.catalog = catalog;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        projection.apply(message, logical -> catalog.writeTables(DialogReadModels.MEMBERSHIP, logical));
    }
}
