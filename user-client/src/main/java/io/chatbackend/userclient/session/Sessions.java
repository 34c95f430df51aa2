package io.chatbackend.userclient.session;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.userclient.UserClientProblem;
import io.chatbackend.userclient.contract.HeartbeatResult;
import io.chatbackend.userclient.contract.LiveSession;
import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChangesResult;
import io.chatbackend.userclient.contract.SessionRegistration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The live sessions registry: which notification node holds each WebSocket session, until when. The expiry is a
 * column, moved forward by heartbeats and enforced by {@link #sweepExpired}, so a crashed node's sessions end on
 * their own after the TTL, across restarts of this service, with nothing kept in memory.
 *
 * <p>Every change of a user's set of sessions takes the user's presence lock first ({@link Presence#lock}) and
 * updates presence in the same transaction; opening and ending sessions, one or many, is {@link SessionBatch}'s. Heartbeats only move expiries (the set does not change), so they take
 * no presence lock and stay cheap.
 */
public class Sessions {

    private static final RowMapper<LiveSession> SESSION = (rs, n) -> new LiveSession(rs.getString(1),
            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant());
    private static final int SWEEP_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Presence presence;
    private final SessionBatch batch;
    private final Duration ttl;

    public Sessions(JdbcTemplate jdbc, TransactionTemplate transactions, Presence presence, SessionBatch batch,
                    Duration ttl) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.presence = presence;
        this.batch = batch;
        this.ttl = ttl;
    }

    /**
     * Registers a session (again: only its expiry and node move): a batch of one ({@link SessionBatch}, whose rules
     * are the only ones). The device is registered implicitly; a revoked device is refused.
     */
    @Transactional
    public LiveSession register(SessionRegistration session) {
        SessionChangesResult result = batch.apply(session.nodeId(), List.of(new NodeSession(session.sessionId(),
                session.userId(), session.deviceId())), List.of());
        if (!result.revoked().isEmpty()) {
            throw revokedDevice();
        }
        if (!result.conflicting().isEmpty()) {
            throw new ApiException(UserClientProblem.SESSION_CONFLICT,
                    "This session id is registered for another user or device.");
        }
        return jdbc.queryForObject("SELECT session_id, user_id, device_id, node_id, expires_at FROM live_session "
                + "WHERE session_id = ?", SESSION, session.sessionId());
    }

    /**
     * Extends the node's unexpired sessions among {@code sessionIds}. An expired session is not revived (it may
     * already have counted as ended); the node learns it from {@link HeartbeatResult#unknown()}.
     */
    @Transactional
    public HeartbeatResult heartbeat(String nodeId, List<String> sessionIds) {
        Set<String> asked = new LinkedHashSet<>(sessionIds);
        if (asked.isEmpty()) {
            return new HeartbeatResult(0, List.of());
        }
        String array = asked.stream().collect(Collectors.joining(",", "{", "}"));
        List<String> extended = jdbc.queryForList("UPDATE live_session SET expires_at = now() + ? * interval "
                        + "'1 millisecond' WHERE node_id = ? AND session_id = ANY (?::varchar[]) AND expires_at > now() "
                        + "RETURNING session_id", String.class, ttl.toMillis(), nodeId, array);
        List<String> unknown = new ArrayList<>(asked);
        unknown.removeAll(Set.copyOf(extended));
        return new HeartbeatResult(extended.size(), unknown);
    }

    /** Ends a session (the socket closed): a batch of one; unknown sessions are ignored, so ending twice is harmless. */
    @Transactional
    public void end(String sessionId) {
        batch.apply(null, List.of(), List.of(sessionId));
    }

    /** A session of a revoked device is refused (and so is any use of the device's other client APIs). */
    public static ApiException revokedDevice() {
        return new ApiException(UserClientProblem.CLIENT_REVOKED, "This client has been revoked.");
    }

    /** The user's live sessions with their nodes. */
    @Transactional(readOnly = true)
    public List<LiveSession> of(UUID userId) {
        return jdbc.query("SELECT session_id, user_id, device_id, node_id, expires_at FROM live_session "
                + "WHERE user_id = ? AND expires_at > now() ORDER BY started_at, session_id", SESSION, userId);
    }

    /**
     * Deletes expired sessions, user by user (each in its own short transaction under the user's presence lock);
     * a user's last seen becomes the expiry of their last session. Safe on several instances at once.
     *
     * @return how many sessions ended
     */
    public int sweepExpired() {
        int ended = 0;
        List<UUID> users;
        do {
            users = jdbc.queryForList("SELECT DISTINCT user_id FROM live_session WHERE expires_at <= now() LIMIT "
                    + SWEEP_BATCH, UUID.class);
            for (UUID userId : users) {
                Integer count = transactions.execute(status -> sweep(userId));
                ended += count == null ? 0 : count;
            }
        } while (users.size() == SWEEP_BATCH);
        return ended;
    }

    private int sweep(UUID userId) {
        presence.lock(userId);
        List<Expired> expired = jdbc.query("DELETE FROM live_session WHERE user_id = ? AND expires_at <= now() "
                        + "RETURNING device_id, expires_at",
                (rs, n) -> new Expired(rs.getString(1), rs.getTimestamp(2).toInstant()), userId);
        if (expired.isEmpty()) {
            return 0; // extended by a heartbeat meanwhile, or swept by another instance
        }
        for (Expired session : expired) {
            jdbc.update("UPDATE device SET last_seen_at = greatest(coalesce(last_seen_at, ?), ?) WHERE user_id = ? "
                    + "AND device_id = ?", Timestamp.from(session.expiresAt()), Timestamp.from(session.expiresAt()),
                    userId, session.deviceId());
        }
        Instant last = expired.stream().map(Expired::expiresAt).max(Instant::compareTo).orElseThrow();
        presence.sessionsChanged(userId, last);
        return expired.size();
    }

    private record Expired(String deviceId, Instant expiresAt) {
    }
}
