package io.chatbackend.platform.cassandra.readmodel;

import java.time.Duration;

/**
 * Tuning of {@link ReadModelRebuilder}.
 *
 * @param heartbeatInterval how often a running job renews its claim and saves its status for other instances
 * @param lease             a claim whose last heartbeat is older than this is taken to be a crashed job's and may be
 *                          taken over; its saved status reads as {@code FAILED}
 * @param scanSplits        how many token-ring slices the comparison scans one after the other
 * @param pageSize          rows per page of the comparison's scans
 */
public record RebuildSettings(Duration heartbeatInterval, Duration lease, int scanSplits, int pageSize) {

    public RebuildSettings {
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative() || lease.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("need 0 < heartbeatInterval < lease");
        }
        if (scanSplits < 1 || pageSize < 1) {
            throw new IllegalArgumentException("scanSplits and pageSize must be positive");
        }
    }

    /** Heartbeat every 2 s, 60 s lease, 64 slices, 500 rows a page. */
    public static RebuildSettings defaults() {
        return new RebuildSettings(Duration.ofSeconds(2), Duration.ofSeconds(60), 64, 500);
    }
}
