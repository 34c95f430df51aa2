package io.chatbackend.platform.events;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of every integration event a context publishes: the context's public contract travels in
 * {@code payload}, everything a consumer needs to order, deduplicate and trace it travels around it.
 *
 * <p>JSON form (see {@link IntegrationEventCodec}): an object with exactly these member names, {@code occurredAt}
 * as an ISO-8601 string and {@code payload} as an embedded JSON object.
 *
 * @param eventId           unique and stable: re-publishing the same event (after a crash, a retry or a replay)
 *                          repeats the same id, so consumers may deduplicate on it
 * @param type              the contract type name, e.g. {@code UserRegistered}
 * @param version           the contract version of {@code payload} (1 for the first form)
 * @param occurredAt        when the fact happened at the producer (null only when a tolerant decode found none)
 * @param aggregateId       what the event is about; usually also the Kafka record key
 * @param aggregateSequence a number that grows with every event of the same aggregate (the domain event's
 *                          sequence number, or the outbox position), so consumers can drop what they have seen;
 *                          -1 when unknown
 * @param correlationId     the id shared by everything one request caused, or null
 * @param causationId       the id of the message that caused this event, or null
 * @param payload           the contract payload, a JSON object
 */
public record IntegrationEvent(String eventId, String type, int version, Instant occurredAt, String aggregateId,
                               long aggregateSequence, String correlationId, String causationId, JsonNode payload) {

    public IntegrationEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
    }
}
