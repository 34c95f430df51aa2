package io.chatbackend.platform.auditapi;

import java.util.List;

/** What a context shows auditors: its event store, or, for a context that keeps none, its audit trail. */
public interface AuditSource {

    /** The highest position below which no item can still appear (items commit out of position order). */
    long horizon();

    /** Items after {@code after} up to {@code upTo} inclusive, ascending, at most {@code limit}. */
    List<AuditItem> between(long after, long upTo, int limit);

    /**
     * Items after {@code after} up to {@code upTo} in their stored form (what the hashes cover), ascending, at most
     * {@code limit}.
     */
    List<StoredLine> storedBetween(long after, long upTo, int limit);

    /** One stream's items from its first, as stored (never a snapshot); empty if there is no such stream. */
    List<AuditItem> stream(String aggregateId);

    /** Recomputes every chain from the stored bytes. */
    AuditVerification verify();
}
