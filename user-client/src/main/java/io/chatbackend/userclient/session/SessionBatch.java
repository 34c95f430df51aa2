package io.chatbackend.userclient.session;

import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChangesResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Opening and ending sessions: the sessions a node opened and ended since its last call (or one, for
 * {@link Sessions#register} and {@link Sessions#end}), in one transaction and a few set-based statements. The presence locks of every affected user are
 * taken first, in ascending user id order ({@link Presence#lockAll}), so two nodes' batches cannot deadlock; then
 * ended sessions are removed, opened ones registered (a revoked device or a conflicting id is reported, not thrown),
 * and presence follows once per changed user.
 */
public class SessionBatch {

    private static final RowMapper<Owned> OWNED = (rs, n) -> new Owned(rs.getObject(1, UUID.class),
            rs.getString(2));

    private final JdbcTemplate jdbc;
    private final Presence presence;
    private final Duration ttl;

    public SessionBatch(JdbcTemplate jdbc, Presence presence, Duration ttl) {
        this.jdbc = jdbc;
        this.presence = presence;
        this.ttl = ttl;
    }

    /**
     * Applies a node's changes (inputs already checked; a session id opened twice names the same user and device).
     * A session both opened and ended is ended; unknown ended ids are ignored.
     */
    @Transactional
    public SessionChangesResult apply(String nodeId, List<NodeSession> opened, List<String> ended) {
        Set<String> endedIds = new LinkedHashSet<>(ended);
        Map<String, NodeSession> toOpen = new LinkedHashMap<>();
        for (NodeSession session : opened) {
            if (!endedIds.contains(session.sessionId())) {
                toOpen.putIfAbsent(session.sessionId(), session);
            }
        }
        Map<String, UUID> endedOwners = owners(endedIds);

        Set<UUID> users = new HashSet<>(endedOwners.values());
        toOpen.values().forEach(s -> users.add(s.userId()));
        presence.lockAll(users);

        Set<UUID> changed = new TreeSet<>(end(endedOwners));
        List<String> registered = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        if (!toOpen.isEmpty()) {
            Set<Owned> live = upsertDevices(toOpen.values());
            List<NodeSession> allowed = new ArrayList<>();
            for (NodeSession session : toOpen.values()) {
                if (live.contains(new Owned(session.userId(), session.deviceId()))) {
                    allowed.add(session);
                } else {
                    revoked.add(session.sessionId());
                }
            }
            Set<String> saved = register(nodeId, allowed);
            for (NodeSession session : allowed) {
                if (saved.contains(session.sessionId())) {
                    registered.add(session.sessionId());
                    changed.add(session.userId());
                } else {
                    conflicting.add(session.sessionId());
                }
            }
        }
        changed.forEach(userId -> presence.sessionsChanged(userId, null));
        return new SessionChangesResult(registered, revoked, conflicting);
    }

    /** Who each of the registered sessions among {@code sessionIds} belongs to. */
    private Map<String, UUID> owners(Set<String> sessionIds) {
        Map<String, UUID> owners = new HashMap<>();
        if (!sessionIds.isEmpty()) {
            RowCallbackHandler owner = rs -> owners.put(rs.getString(1), rs.getObject(2, UUID.class));
            jdbc.query("SELECT session_id, user_id FROM live_session WHERE session_id = ANY (?)", owner,
                    varchars(sessionIds));
        }
        return owners;
    }

    /**
     * Deletes the sessions that still belong to the owner whose lock is held, and touches their devices' last seen.
     *
     * @return the users who lost a session
     */
    private Set<UUID> end(Map<String, UUID> owners) {
        if (owners.isEmpty()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>(owners.keySet());
        List<UUID> userIds = ids.stream().map(owners::get).toList();
        List<Owned> deleted = jdbc.query("DELETE FROM live_session s USING unnest(?, ?) AS e(session_id, user_id) "
                        + "WHERE s.session_id = e.session_id AND s.user_id = e.user_id "
                        + "RETURNING s.user_id, s.device_id", OWNED, varchars(ids),
                new SqlArrayValue("uuid", userIds.toArray()));
        List<Owned> gone = List.copyOf(new LinkedHashSet<>(deleted));
        if (!gone.isEmpty()) {
            jdbc.update("UPDATE device d SET last_seen_at = now() FROM unnest(?, ?) AS g(user_id, device_id) "
                    + "WHERE d.user_id = g.user_id AND d.device_id = g.device_id", userArray(gone), deviceArray(gone));
        }
        Set<UUID> users = new HashSet<>();
        gone.forEach(owned -> users.add(owned.userId()));
        return users;
    }

    /**
     * Registers the sessions' devices implicitly (moving last seen); a revoked device is left as it is.
     *
     * @return the devices that are not revoked
     */
    private Set<Owned> upsertDevices(Iterable<NodeSession> sessions) {
        Set<Owned> distinct = new LinkedHashSet<>();
        sessions.forEach(s -> distinct.add(new Owned(s.userId(), s.deviceId())));
        List<Owned> devices = List.copyOf(distinct);
        return new HashSet<>(jdbc.query("INSERT INTO device (user_id, device_id, last_seen_at) "
                + "SELECT user_id, device_id, now() FROM unnest(?, ?) AS q(user_id, device_id) "
                + "ORDER BY user_id, device_id "
                + "ON CONFLICT (user_id, device_id) DO UPDATE SET last_seen_at = now() WHERE device.revoked_at IS NULL "
                + "RETURNING user_id, device_id", OWNED, userArray(devices), deviceArray(devices)));
    }

    /**
     * Registers the sessions to the node (again: only expiry and node move); an id registered for another user or
     * device is left as it is.
     *
     * @return the ids now registered to the node
     */
    private Set<String> register(String nodeId, List<NodeSession> sessions) {
        if (sessions.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("INSERT INTO live_session (session_id, user_id, device_id, node_id, "
                        + "expires_at) SELECT session_id, user_id, device_id, ?, now() + ? * interval '1 millisecond' "
                        + "FROM unnest(?, ?, ?) AS q(session_id, user_id, device_id) ORDER BY session_id "
                        + "ON CONFLICT (session_id) DO UPDATE SET node_id = excluded.node_id, "
                        + "expires_at = excluded.expires_at WHERE live_session.user_id = excluded.user_id "
                        + "AND live_session.device_id = excluded.device_id RETURNING session_id", String.class,
                nodeId, ttl.toMillis(), varchars(sessions.stream().map(NodeSession::sessionId).toList()),
                new SqlArrayValue("uuid", sessions.stream().map(NodeSession::userId).toArray()),
                varchars(sessions.stream().map(NodeSession::deviceId).toList())));
    }

    private static SqlArrayValue varchars(Collection<String> values) {
        return new SqlArrayValue("varchar", values.toArray());
    }

    private static SqlArrayValue userArray(List<Owned> owned) {
        return new SqlArrayValue("uuid", owned.stream().map(Owned::userId).toArray());
    }

    private static SqlArrayValue deviceArray(List<Owned> owned) {
        return varchars(owned.stream().map(Owned::deviceId).toList());
    }

    /** A user's device. */
    private record Owned(UUID userId, String deviceId) {
    }
}
