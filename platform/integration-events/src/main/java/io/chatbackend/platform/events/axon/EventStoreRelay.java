package io.chatbackend.platform.events.axon;

import io.chatbackend.platform.axon.BeforeCommit;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes an event-sourced context's integration events straight from its event store: the one handler of the
 * tracking processor {@value #PROCESSING_GROUP}, for every event type.
 *
 * <p>For each event of a batch it asks the context's {@link IntegrationEventMapper} and starts the sends at once
 * (asynchronously, in event order, through one idempotent producer). Before the batch's unit of work commits, and
 * with it the processor's token, it waits for every acknowledgement; if any send failed it throws, the unit of work
 * rolls back, the token stays where it was, and the processor retries the batch after its back-off. So the token
 * never passes an unacknowledged event (nothing lost), the events of one aggregate go out in their stored order on
 * one key (a single-threaded processor over the global index), and a retried or replayed batch repeats events with
 * the same ids (at least once).
 *
 * <p>The processor holds its token transaction open while it waits; that transaction appends no events, so it does
 * not delay anyone's event commits (the gap concern of {@code docs/adr/0002}).
 */
public final class EventStoreRelay implements EventMessageHandler {

    /** The processing group and tracking processor name, with its token in the context's JDBC token store. */
    public static final String PROCESSING_GROUP = "integration-publisher";
    private static final String PENDING_SENDS = EventStoreRelay.class.getName() + ".pendingSends";

    private final IntegrationEventMapper mapper;
    private final IntegrationEventPublisher publisher;

    public EventStoreRelay(IntegrationEventMapper mapper, IntegrationEventPublisher publisher) {
        this.mapper = mapper;
        this.publisher = publisher;
    }

    @Override
    public Object handle(EventMessage<?> event) {
        List<OutgoingEvent> outgoing = mapper.map(event);
        if (outgoing.isEmpty()) {
            return null;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            // called outside a processor: there is no commit to defer the wait to
            publisher.publishAll(outgoing);
            return null;
        }
        List<CompletableFuture<Void>> pending = pendingSends(CurrentUnitOfWork.get().root());
        for (OutgoingEvent each : outgoing) {
            CompletableFuture<Void> send = publisher.publish(each);
            pending.add(send);
            if (send.isCompletedExceptionally()) {
                // Kafka is unreachable (no metadata within max.block.ms): fail the batch now rather than block once
                // more for every remaining event; the processor retries it from its token
                publisher.awaitAll(pending);
            }
        }
        return null;
    }

    /** The sends of the current batch, awaited once when the batch's unit of work prepares to commit. */
    private List<CompletableFuture<Void>> pendingSends(UnitOfWork<?> unitOfWork) {
        return BeforeCommit.collect(unitOfWork, PENDING_SENDS, ArrayList::new, publisher::awaitAll);
    }
}
