package io.chatbackend.platform.axon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the event store for auditors, by global position or by stream, never from a snapshot (ADR 0027).
 *
 * <p>Global positions are handed out when an append starts and become visible when it commits, so a later
 * position can be visible while an earlier one is still being written. A reader that moved past the earlier one
 * would never see it. {@link #horizon()} is the highest position below which nothing can still appear: it takes a
 * SHARE lock on the table, which waits for every append in progress to end and lets none start meanwhile, and
 * reads the highest position then. The lock is held for one index read; if appends do not let it through within
 * the lock timeout, the last horizon proven stands.
 */
public class EventStoreAuditLog {

    private static final Logger log = LoggerFactory.getLogger(EventStoreAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
            + "timestamp, payloadtype, payloadrevision, payload, metadata";
    private static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10) == null ? new byte[0] : rs.getBytes(10), metaData(rs.getBytes(10)));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration lockTimeout;
    private final AtomicLong provenHorizon = new AtomicLong();

    public EventStoreAuditLog(JdbcTemplate jdbc, TransactionTemplate transactions, Duration lockTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.lockTimeout = lockTimeout;
    }

    /** The highest position below which no event can still appear (see the class comment). */
    public long horizon() {
        try {
            Long highest = transactions.execute(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
                jdbc.execute("LOCK TABLE domainevententry IN SHARE MODE");
                return jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
            });
            return provenHorizon.accumulateAndGet(highest == null ? 0 : highest, Math::max);
        } catch (RuntimeException e) {
            log.debug("Appends held the event store past the lock timeout; the last horizon stands: {}", e.toString());
            return provenHorizon.get();
        }
    }

    /** Events after {@code after} up to {@code upTo} inclusive, ascending, at most {@code limit}. */
    public List<StoredEvent> between(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex > ? AND globalindex <= ? "
                + "ORDER BY globalindex LIMIT ?", ROW, after, upTo, limit);
    }

    /** The whole stream of one aggregate from sequence 0, as stored. */
    public List<StoredEvent> stream(String aggregateId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", ROW, aggregateId);
    }

    private static Map<String, Object> metaData(byte[] stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(stored, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event metadata is not JSON", e);
        }
    }
}
