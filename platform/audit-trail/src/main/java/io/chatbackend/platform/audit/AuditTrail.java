package io.chatbackend.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A context's chained audit records (table {@code audit_record} in its own schema), for security-relevant changes
 * that keep no event store: appended in the change's own transaction, so a change and its record commit together or
 * not at all, and chained by hash (ADR 0026). Appends take the table's lock for the rest of their transaction: they
 * are rare (administrative actions), and the chain needs one order.
 */
public class AuditTrail {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final RowMapper<AuditRecord> ROW = AuditTrail::record;
    private static final String COLUMNS =
            "seq, occurred_at, actor, device_id, correlation_id, type, subject, payload, previous_hash, hash";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends a record after the newest; must run inside the transaction of the change it records (outside one,
     * PostgreSQL refuses the lock, so a record can never be written apart from its change).
     */
    public AuditRecord append(String actor, String deviceId, String correlationId, String type, String subject,
                              String payload) {
        jdbc.execute("LOCK TABLE audit_record IN SHARE ROW EXCLUSIVE MODE");
        List<AuditRecord> newest = jdbc.query("SELECT " + COLUMNS + " FROM audit_record ORDER BY seq DESC LIMIT 1",
                ROW);
        long sequence = newest.isEmpty() ? 1 : newest.get(0).sequence() + 1;
        String previous = newest.isEmpty() ? GENESIS : newest.get(0).hash();
        AuditRecord record = new AuditRecord(sequence, clock.instant().truncatedTo(ChronoUnit.MICROS), actor,
                deviceId, correlationId, type, subject, payload, previous, null).sealed();
        jdbc.update("INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.sequence(), Timestamp.from(record.occurredAt()), record.actor(), record.deviceId(),
                record.correlationId(), record.type(), record.subject(), record.payload(), record.previousHash(),
                record.hash());
        return record;
    }

    /** Records after {@code sequence}, ascending, at most {@code limit}. */
    public List<AuditRecord> after(long sequence, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?", ROW,
                sequence, limit);
    }

    /** The newest record's position (0: none); records commit in position order, under the trail's lock. */
    public long newestSequence() {
        Long newest = jdbc.queryForObject("SELECT coalesce(max(seq), 0) FROM audit_record", Long.class);
        return newest == null ? 0 : newest;
    }

    /** Every record about {@code subject}, ascending. */
    public List<AuditRecord> about(String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_record WHERE subject = ? ORDER BY seq", ROW, subject);
    }

    /** A record where the trail does not hold, and why. */
    public record Break(long sequence, String reason) {

        @Override
        public String toString() {
            return sequence + ": " + reason;
        }
    }

    /** {@link #verifyAll()}'s breaks as text ({@code "<seq>: <reason>"}). */
    public List<String> verify() {
        return verifyAll().stream().map(Break::toString).toList();
    }

    /**
     * Walks the whole trail and names every record whose hash is not what its fields and the record before give,
     * or whose sequence skips one (a record deleted from the middle). Empty: the trail is intact.
     */
    public List<Break> verifyAll() {
        List<Break> breaks = new ArrayList<>();
        String previous = GENESIS;
        long expectedSequence = 1;
        long after = 0;
        List<AuditRecord> page;
        do {
            page = after(after, 1000);
            for (AuditRecord record : page) {
                if (record.sequence() != expectedSequence) {
                    breaks.add(new Break(record.sequence(), "sequence " + expectedSequence + " is missing"));
                }
                if (!record.previousHash().equals(previous)) {
                    breaks.add(new Break(record.sequence(), "does not follow the record before it"));
                }
                if (!record.hash().equals(record.expectedHash())) {
                    breaks.add(new Break(record.sequence(), "its content was changed"));
                }
                previous = record.hash();
                expectedSequence = record.sequence() + 1;
                after = record.sequence();
            }
        } while (!page.isEmpty());
        return breaks;
    }

    private static AuditRecord record(ResultSet rs, int row) throws SQLException {
        Instant occurredAt = rs.getTimestamp("occurred_at").toInstant();
        return new AuditRecord(rs.getLong("seq"), occurredAt, rs.getString("actor"), rs.getString("device_id"),
                rs.getString("correlation_id"), rs.getString("type"), rs.getString("subject"),
                rs.getString("payload"), rs.getString("previous_hash"), rs.getString("hash"));
    }
}
