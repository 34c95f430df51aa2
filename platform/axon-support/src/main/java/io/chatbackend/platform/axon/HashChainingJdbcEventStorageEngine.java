package io.chatbackend.platform.axon;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDBC event storage engine that adds {@link AuditMetadata#CHAIN_HASH} to every event as it is appended,
 * linking it to the previous event of the same aggregate. The link is read from the store in the appending
 * transaction; a concurrent append of the same sequence number fails on the unique key, so a chain never forks.
 */
public class HashChainingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    public HashChainingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, String> lastHashByAggregate = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            chained.add(chain(event, serializer, lastHashByAggregate));
        }
        super.appendEvents(chained, serializer);
    }

    private EventMessage<?> chain(EventMessage<?> event, Serializer serializer, Map<String, String> lastHashes) {
        String aggregateType = null;
        String aggregateId = event.getIdentifier();
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        String previous = lastHashes.get(aggregateId);
        if (previous == null) {
            previous = sequence == 0 ? EventHashChain.GENESIS : storedHashOf(aggregateId, sequence - 1);
        }
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String hash = EventHashChain.hash(previous, new EventHashChain.ChainedFields(aggregateType, aggregateId,
                sequence, event.getIdentifier(), DateTimeUtils.formatInstant(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                event.getMetaData()));
        lastHashes.put(aggregateId, hash);
        return event.andMetaData(Map.of(AuditMetadata.CHAIN_HASH, hash));
    }

    private String storedHashOf(String aggregateId, long sequence) {
        DomainEventStream stream = readEvents(aggregateId, sequence);
        if (!stream.hasNext()) {
            throw new IllegalStateException("event " + sequence + " of aggregate " + aggregateId
                    + " is missing; the hash chain cannot be continued");
        }
        DomainEventMessage<?> previous = stream.next();
        Object hash = previous.getMetaData().get(AuditMetadata.CHAIN_HASH);
        if (previous.getSequenceNumber() != sequence || hash == null) {
            throw new IllegalStateException("event " + sequence + " of aggregate " + aggregateId
                    + " has no chain hash; the hash chain cannot be continued");
        }
        return hash.toString();
    }
}
