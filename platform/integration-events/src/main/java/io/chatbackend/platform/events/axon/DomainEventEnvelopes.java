package io.chatbackend.platform.events.axon;

import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import tools.jackson.databind.JsonNode;

/**
 * Fills an {@link IntegrationEvent} envelope from a stored domain event, so every event-sourced context does it the
 * same way: {@code eventId} = the Axon event identifier (stable when re-published), {@code aggregateId} and
 * {@code aggregateSequence} = the aggregate's identifier and the event's sequence number, {@code occurredAt} = the
 * event's timestamp, and correlation and causation ids from the audit metadata ({@link AuditMetadata}).
 */
public final class DomainEventEnvelopes {

    private final IntegrationEventCodec codec;

    public DomainEventEnvelopes(IntegrationEventCodec codec) {
        this.codec = codec;
    }

    /**
     * The envelope for a contract payload (a record, or a ready JSON tree) of the given type and version.
     *
     * @throws IllegalArgumentException if the message is no domain event (it has no aggregate and sequence)
     */
    public IntegrationEvent envelope(EventMessage<?> message, String type, int version, Object payload) {
        return envelope(message, type, version, payload, 0);
    }

    /**
     * Like {@link #envelope(EventMessage, String, int, Object)} for the {@code part}-th of several integration events
     * mapped from one domain event: part 0 keeps the Axon identifier, part {@code n > 0} gets
     * {@code <identifier>/<n>}, so each stays unique and stable.
     */
    public IntegrationEvent envelope(EventMessage<?> message, String type, int version, Object payload, int part) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            throw new IllegalArgumentException("not a domain event (no aggregate): " + message.getPayloadType());
        }
        JsonNode tree = codec.payloadOf(payload);
        String eventId = part == 0 ? domainEvent.getIdentifier() : domainEvent.getIdentifier() + "/" + part;
        return new IntegrationEvent(eventId, type, version, domainEvent.getTimestamp(),
                domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(),
                metadata(domainEvent, AuditMetadata.CORRELATION_ID), metadata(domainEvent, AuditMetadata.CAUSATION_ID),
                tree);
    }

    /** The envelope on its way to {@code topic}, keyed by {@code key} (e.g. the dialog id). */
    public OutgoingEvent outgoing(String topic, String key, EventMessage<?> message, String type, int version,
                                  Object payload) {
        return new OutgoingEvent(topic, key, envelope(message, type, version, payload));
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
