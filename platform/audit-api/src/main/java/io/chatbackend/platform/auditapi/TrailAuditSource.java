package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.audit.AuditRecord;
import io.chatbackend.platform.audit.AuditTrail;

import java.util.ArrayList;
import java.util.List;

/**
 * A context's audit trail, as auditors read it: one stream per subject. Records take their position under the
 * trail's lock, in commit order, so the newest visible position is already a horizon.
 */
public class TrailAuditSource implements AuditSource {

    private final AuditTrail trail;

    public TrailAuditSource(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public long horizon() {
        return trail.newestSequence();
    }

    @Override
    public List<AuditItem> between(long after, long upTo, int limit) {
        return trail.after(after, limit).stream().filter(record -> record.sequence() <= upTo)
                .map(TrailAuditSource::item).toList();
    }

    @Override
    public List<StoredLine> storedBetween(long after, long upTo, int limit) {
        return trail.after(after, limit).stream().filter(record -> record.sequence() <= upTo)
                .<StoredLine>map(record -> new StoredRecordLine(StoredRecordLine.KIND, record.sequence(),
                        record.occurredAt().toString(), record.actor(), record.deviceId(), record.correlationId(),
                        record.type(), record.subject(), record.payload(), record.previousHash(), record.hash()))
                .toList();
    }

    @Override
    public List<AuditItem> stream(String aggregateId) {
        return trail.about(aggregateId).stream().map(TrailAuditSource::item).toList();
    }

    @Override
    public AuditVerification verify() {
        List<AuditVerification.Break> breaks = new ArrayList<>();
        for (AuditTrail.Break broken : trail.verifyAll()) {
            breaks.add(new AuditVerification.Break("audit", broken.sequence(), broken.reason()));
        }
        return new AuditVerification(1, trail.newestSequence(), 0, breaks);
    }

    static AuditItem item(AuditRecord record) {
        return new AuditItem(record.sequence(), "audit", record.subject(), record.sequence(), record.type(), null,
                record.occurredAt().toString(), StoredPayloads.json(record.payload()),
                new AuditItemMetadata(AuditActor.of(record.actor(), record.deviceId()), null, record.correlationId(),
                        null),
                record.hash());
    }
}
