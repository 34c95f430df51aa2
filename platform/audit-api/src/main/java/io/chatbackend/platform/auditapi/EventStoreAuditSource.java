package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.axon.EventStoreAuditLog;
import io.chatbackend.platform.axon.HashChainVerifier;
import io.chatbackend.platform.axon.StoredEvent;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A context's Axon event store, as auditors read it. */
public class EventStoreAuditSource implements AuditSource {

    private final EventStoreAuditLog events;
    private final HashChainVerifier verifier;

    public EventStoreAuditSource(EventStoreAuditLog events, HashChainVerifier verifier) {
        this.events = events;
        this.verifier = verifier;
    }

    @Override
    public long horizon() {
        return events.horizon();
    }

    @Override
    public List<AuditItem> between(long after, long upTo, int limit) {
        return events.between(after, upTo, limit).stream().map(EventStoreAuditSource::item).toList();
    }

    @Override
    public List<StoredLine> storedBetween(long after, long upTo, int limit) {
        Base64.Encoder base64 = Base64.getEncoder();
        return events.between(after, upTo, limit).stream().<StoredLine>map(event -> new StoredEventLine(
                StoredEventLine.KIND, event.position(), event.aggregateType(), event.aggregateId(), event.sequence(),
                event.eventId(), event.timestamp(), event.payloadType(), event.payloadRevision(),
                base64.encodeToString(event.payload()), base64.encodeToString(event.storedMetaData()),
                event.chainHash())).toList();
    }

    @Override
    public List<AuditItem> stream(String aggregateId) {
        return events.stream(aggregateId).stream().map(EventStoreAuditSource::item).toList();
    }

    @Override
    public AuditVerification verify() {
        HashChainVerifier.Report report = verifier.verifyAll();
        return new AuditVerification(report.aggregatesChecked(), report.eventsChecked(), 0, report.breaks().stream()
                .map(broken -> new AuditVerification.Break(broken.aggregateId(), broken.sequenceNumber(),
                        broken.reason()))
                .toList());
    }

    static AuditItem item(StoredEvent event) {
        Map<String, Object> meta = event.metaData();
        return new AuditItem(event.position(), event.aggregateType(), event.aggregateId(), event.sequence(),
                event.payloadType(), event.payloadRevision(), event.timestamp(), StoredPayloads.json(event.payload()),
                new AuditItemMetadata(
                        AuditActor.of(meta.get(AuditMetadata.PRINCIPAL), meta.get(AuditMetadata.DEVICE_ID)),
                        AuditActor.of(meta.get(AuditMetadata.ON_BEHALF_OF),
                                meta.get(AuditMetadata.ON_BEHALF_OF_DEVICE_ID)),
                        text(meta.get(AuditMetadata.CORRELATION_ID)), text(meta.get(AuditMetadata.CAUSATION_ID))),
                event.chainHash());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
