package io.chatbackend.platform.events.axon;

import io.chatbackend.platform.events.OutgoingEvent;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Turns an event-sourced context's private domain events into its published integration events. The context
 * declares exactly one bean of this type; with it the {@link EventStoreRelay} publishes everything the mapper returns
 * from the context's event store. Raw Axon events never leave the context.
 *
 * <p>Must be a pure function of the message: a replay or a retried batch maps the same event again and has to get
 * the same result (use {@link DomainEventEnvelopes} so the event id stays the Axon event identifier).
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    /** The integration events for this domain event, in publishing order; empty when it is not published. */
    List<OutgoingEvent> map(EventMessage<?> message);
}
