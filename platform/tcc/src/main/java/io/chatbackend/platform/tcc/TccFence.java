package io.chatbackend.platform.tcc;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The participant's record of every transaction it has seen, written in the same local transaction as the
 * business change. The primary key on the transaction id settles the race between a late Try and an early
 * Cancel: whichever inserts first wins, the other sees its row (no read-then-write window).
 *
 * <pre>
 * CREATE TABLE tcc_fence (tx_id VARCHAR(64) PRIMARY KEY, resource_id VARCHAR(255), state VARCHAR(16) NOT NULL,
 *     expires_at TIMESTAMPTZ, result TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
 *     updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
 * CREATE INDEX tcc_fence_tried ON tcc_fence (expires_at) WHERE state = 'TRIED';
 * </pre>
 */
public class TccFence {

    public enum State { TRIED, CONFIRMED, CANCELLED }

    /** One transaction as the participant knows it. */
    public record Entry(String txId, String resourceId, State state, Instant expiresAt, String result) {
    }

    private static final String EXPIRED = "EXPIRED";

    private final JdbcTemplate jdbc;

    public TccFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a Try; empty if recorded now, else the entry that already existed (a repeat, or a Cancel first). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Entry> recordTry(String txId, String resourceId, Instant expiresAt) {
        int inserted = jdbc.update("INSERT INTO tcc_fence (tx_id, resource_id, state, expires_at) VALUES (?, ?, "
                + "'TRIED', ?) ON CONFLICT (tx_id) DO NOTHING", txId, resourceId, Timestamp.from(expiresAt));
        return inserted == 1 ? Optional.empty() : lock(txId);
    }

    /** A Try to record: the transaction, the resource it reserves and until when. */
    public record Tried(String txId, String resourceId, Instant expiresAt) {
    }

    /**
     * Records the Tries of a batch in one statement (no transaction twice).
     *
     * @return the transactions recorded now; each of the others already had an entry, to be read with {@link #lock}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> recordTries(List<Tried> tries) {
        if (tries.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("INSERT INTO tcc_fence (tx_id, resource_id, state, expires_at) "
                        + "SELECT t, r, 'TRIED', e FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[]) "
                        + "AS v(t, r, e) ON CONFLICT (tx_id) DO NOTHING RETURNING tx_id", String.class,
                tries.stream().map(Tried::txId).toArray(String[]::new),
                tries.stream().map(Tried::resourceId).toArray(String[]::new),
                tries.stream().map(tried -> Timestamp.from(tried.expiresAt())).toArray(Timestamp[]::new)));
    }

    /** Confirms tried transactions in one statement, each with its result (transaction id to result). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markConfirmed(Map<String, String> results) {
        if (results.isEmpty()) {
            return;
        }
        int updated = jdbc.update("UPDATE tcc_fence f SET state = 'CONFIRMED', result = v.result, updated_at = now() "
                        + "FROM unnest(?::varchar[], ?::text[]) AS v(tx_id, result) "
                        + "WHERE f.tx_id = v.tx_id AND f.state = 'TRIED'",
                results.keySet().toArray(String[]::new), results.values().toArray(String[]::new));
        if (updated != results.size()) {
            throw new IllegalStateException("of " + results.keySet() + " only " + updated + " were in state TRIED");
        }
    }

    /** Takes back a Try recorded in this transaction that the business refused (e.g. the resource was busy). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetTry(String txId) {
        jdbc.update("DELETE FROM tcc_fence WHERE tx_id = ? AND state = 'TRIED'", txId);
    }

    /** Records a Cancel of a transaction never tried (empty rollback); false if an entry existed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordEmptyRollback(String txId) {
        return jdbc.update("INSERT INTO tcc_fence (tx_id, state) VALUES (?, 'CANCELLED') ON CONFLICT (tx_id) "
                + "DO NOTHING", txId) == 1;
    }

    /** The entry, locked until the end of the transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Entry> lock(String txId) {
        return jdbc.query("SELECT tx_id, resource_id, state, expires_at, result FROM tcc_fence WHERE tx_id = ? "
                + "FOR UPDATE", (rs, n) -> new Entry(rs.getString(1), rs.getString(2), State.valueOf(rs.getString(3)),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5)), txId)
                .stream().findFirst();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void markConfirmed(String txId, String result) {
        move(txId, State.CONFIRMED, result);
    }

    /** Cancelled by the coordinator. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markCancelled(String txId) {
        move(txId, State.CANCELLED, null);
    }

    /** Cancelled by the participant itself because the reservation expired: a later Confirm is told TOO_LATE. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markExpired(String txId) {
        move(txId, State.CANCELLED, EXPIRED);
    }

    public static boolean expired(Entry entry) {
        return entry.state() == State.CANCELLED && EXPIRED.equals(entry.result());
    }

    /** Tried transactions whose reservation has expired, for the sweeper. */
    public List<String> expiredTries(Instant now, int limit) {
        return jdbc.queryForList("SELECT tx_id FROM tcc_fence WHERE state = 'TRIED' AND expires_at < ? "
                + "ORDER BY expires_at LIMIT ?", String.class, Timestamp.from(now), limit);
    }

    private void move(String txId, State to, String result) {
        int updated = jdbc.update("UPDATE tcc_fence SET state = ?, result = ?, updated_at = now() WHERE tx_id = ? "
                + "AND state = 'TRIED'", to.name(), result, txId);
        if (updated != 1) {
            throw new IllegalStateException("transaction " + txId + " is not in state TRIED");
        }
    }
}
