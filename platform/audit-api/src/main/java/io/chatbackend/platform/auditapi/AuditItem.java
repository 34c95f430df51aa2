package io.chatbackend.platform.auditapi;

import tools.jackson.databind.JsonNode;

/**
 * One stored event, or one audit record, as auditors read it (ADR 0027).
 *
 * @param position      the global position: the order items were committed in, with gaps where a write rolled back
 * @param aggregateType the stream's kind (an audit record's: {@code audit})
 * @param aggregateId   the stream (an audit record's subject)
 * @param sequence      the item's number within its stream (an audit record's: its position)
 * @param type          what happened: the event's type, or the record's
 * @param revision      the event type's revision; null for the first shape
 * @param occurredAt    when it was written, as stored
 * @param payload       the stored payload as JSON
 * @param metadata      who acted, for whom, and why
 * @param hash          the chain hash stored with it
 */
public record AuditItem(long position, String aggregateType, String aggregateId, long sequence, String type,
                        String revision, String occurredAt, JsonNode payload, AuditItemMetadata metadata,
                        String hash) {
}
