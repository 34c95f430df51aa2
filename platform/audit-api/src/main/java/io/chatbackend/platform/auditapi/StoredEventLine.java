package io.chatbackend.platform.auditapi;

/**
 * One stored event exactly as the hash chain covers it, for export and offline verification
 * ({@code docs/audit-export.md}): the payload's and the metadata's stored bytes in base64, every other column as
 * stored.
 */
public record StoredEventLine(String kind, long position, String aggregateType, String aggregateId, long sequence,
                              String eventId, String timestamp, String payloadType, String payloadRevision,
                              String payload, String metadata, String chainHash) implements StoredLine {

    public static final String KIND = "event";
}
