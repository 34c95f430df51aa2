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
 * linking it to the previous event of the same aggregate. The link comes from the previous event this node
 * committed ({@link ChainTails}) or else is read from the store in the appending transaction; a concurrent append of
 * the same sequence number fails on the unique key, so a chain never forks.
 */
public class HashChainingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Aggregates whose last chain hash is kept (a few MB). */
    private static final long TAILS_KEPT = 100_000;

    private final ChainTails tails = new ChainTails(TAILS_KEPT);

    public HashChainingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, ChainTails.Tail> appended = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            chained.add(chain(event, serializer, appended));
        }
        super.appendEvents(chained, serializer);
        tails.rememberAfterCommit(appended);
    }

    private EventMessage<?> chain(EventMessage<?> event, Serializer serializer,
                                  Map<String, ChainTails.Tail> appended) {
        String aggregateType = null;
        String aggregateId = event.getIdentifier();
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        String previous = previousHash(aggregateId, sequence, appended);
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String hash = EventHashChain.hash(previous, new EventHashChain.ChainedFields(aggregateType, aggregateId,
                sequence, event.getIdentifier(), DateTimeUtils.formatInstant(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                event.getMetaData()));
        appended.put(aggregateId, new ChainTails.Tail(sequence, hash));
        return event.andMetaData(Map.of(AuditMetadata.CHAIN_HASH, hash));
    }

    /** The chain hash of the event before {@code sequence}: from this append, this node's commits or the store. */
    private String previousHash(String aggregateId, long sequence, Map<String, ChainTails.Tail> appended) {
        ChainTails.Tail inThisAppend = appended.get(aggregateId);
        if (inThisAppend != null) {
            return inThisAppend.hash();
        }
        if (sequence == 0) {
            return EventHashChain.GENESIS;
        }
        return tails.previousOf(aggregateId, sequence).orElseGet(() -> storedHashOf(aggregateId, sequence - 1));
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
