package io.chatbackend.platform.auditapi;

/**
 * One audit-trail record exactly as its hash covers it, for export and offline verification
 * ({@code docs/audit-export.md}).
 */
public record StoredRecordLine(String kind, long position, String occurredAt, String actor, String deviceId,
                               String correlationId, String type, String subject, String payload,
                               String previousHash, String hash) implements StoredLine {

    public static final String KIND = "record";
}
