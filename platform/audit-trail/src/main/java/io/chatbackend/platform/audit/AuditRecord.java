package io.chatbackend.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One audit record: who ({@code actor}, e.g. {@code user:<id>}; {@code deviceId} for a user's device), under which
 * request ({@code correlationId}: the request id the client was answered with), did what ({@code type}) to what
 * ({@code subject}), with details ({@code payload}, JSON text as stored). {@code hash} is SHA-256 (lower-case hex)
 * over {@code previousHash} and every other field, so a changed, removed or inserted record breaks every hash after
 * it; the first record's previous hash is {@link AuditTrail#GENESIS}.
 */
public record AuditRecord(long sequence, Instant occurredAt, String actor, String deviceId, String correlationId,
                          String type, String subject, String payload, String previousHash, String hash) {

    /** The hash this record's fields give: what {@code hash} must be. One line per field, in this order. */
    public String expectedHash() {
        String canonical = String.join("\n", previousHash, Long.toString(sequence), occurredAt.toString(),
                actor, nullToEmpty(deviceId), nullToEmpty(correlationId), type, subject, payload);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    AuditRecord sealed() {
        return new AuditRecord(sequence, occurredAt, actor, deviceId, correlationId, type, subject, payload,
                previousHash, expectedHash());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
