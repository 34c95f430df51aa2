package io.chatbackend.platform.auditapi;

import java.util.ArrayList;
import java.util.List;

/**
 * What verifying a context found: how much was checked (streams, items, signed checkpoints) and every break by stream
 * and sequence (a checkpoint's own breaks name the stream {@code checkpoint} and its number).
 */
public record AuditVerification(long streams, long events, long checkpoints, List<Break> breaks) {

    public AuditVerification {
        breaks = List.copyOf(breaks);
    }

    /** One place a chain or a checkpoint does not hold. */
    public record Break(String aggregateId, long sequence, String reason) {
    }

    /** The chains' findings and the checkpoints' together. */
    AuditVerification with(AuditCheckpoints.Findings findings) {
        List<Break> all = new ArrayList<>(breaks);
        all.addAll(findings.breaks());
        return new AuditVerification(streams, events, checkpoints + findings.checkpoints(), all);
    }
}
