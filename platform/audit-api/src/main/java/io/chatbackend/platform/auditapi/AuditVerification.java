package io.chatbackend.platform.auditapi;

import java.util.List;

/** What verifying a context's chains found: how much was checked, and every break by stream and sequence. */
public record AuditVerification(long streams, long events, List<Break> breaks) {

    public AuditVerification {
        breaks = List.copyOf(breaks);
    }

    /** One place a chain does not hold. */
    public record Break(String aggregateId, long sequence, String reason) {
    }
}
