package io.chatbackend.dialog.readmodel;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.dialog.command.ReadWatermarkAdvancedEvent;
import io.chatbackend.platform.axon.PendingWrites;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;

/**
 * Keeps the membership read model up to date from the event store: a tracking processor (its position in the
 * token store), so the model catches up after any outage and can be replayed. Writes go to the live tables and,
 * while a rebuild runs, to the building ones too.
 * <p>
 * It handles only the event types {@link MembershipProjection} writes, so the processor skips every other type
 * (most of the store: the lanes' events) without a unit of work or a token update; the writes of one batch are
 * awaited together before its token commits ({@link PendingWrites}).
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
    void on(DialogCreatedEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        project(message, unitOfWork);
    }

    @EventHandler
    void on(MemberJoinedEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        project(message, unitOfWork);
    }

    @EventHandler
    void on(MemberLeftEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        project(message, unitOfWork);
    }

    @EventHandler
    void on(MessageAppendedEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        project(message, unitOfWork);
    }

    @EventHandler
    void on(ReadWatermarkAdvancedEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        project(message, unitOfWork);
    }

    private void project(EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        PendingWrites.awaitBeforeCommit(unitOfWork,
                projection.writes(message, logical -> catalog.writeTables(DialogReadModels.MEMBERSHIP, logical)));
    }
}
