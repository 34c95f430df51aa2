package io.chatbackend.userclient.session;

import io.chatbackend.userclient.contract.PresenceChanged;
import io.chatbackend.userclient.contract.UserClientTopics;
import io.chatbackend.userclient.integration.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Presence per user, persisted: the actual state (online while any live session exists, else last seen when the
 * last one ended) and what was last published. A change is published as {@link PresenceChanged} only once it has
 * stood for the debounce window and still differs from what was published, so a flap inside the window publishes
 * nothing. The pull API answers the published state, so pulled and pushed presence agree.
 *
 * <p>Every transaction that changes a user's sessions first {@link #lock locks} the user's presence row: session
 * changes, revocations and publications of one user are serialized (and their outbox rows ordered) without a
 * read-then-write race.
 */
public class Presence {

    private static final int PUBLISH_BATCH = 100;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Duration debounce;

    public Presence(JdbcTemplate jdbc, Outbox outbox, Duration debounce) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.debounce = debounce;
    }

    /** A user's presence as the API shows it. */
    public record View(UUID userId, boolean online, Instant lastSeenAt) {
    }

    /** Takes the user's presence row lock (creating the row), first thing in a transaction that changes sessions. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID userId) {
        jdbc.update("INSERT INTO presence (user_id) VALUES (?) ON CONFLICT DO NOTHING", userId);
        jdbc.queryForObject("SELECT online FROM presence WHERE user_id = ? FOR UPDATE", Boolean.class, userId);
    }

    /**
     * Takes the presence row locks of several users (creating the rows) in ascending user id order, first thing in a
     * transaction that changes several users' sessions: every multi-user lock takes this one order, so two such
     * transactions cannot deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        Object[] ids = userIds.toArray();
        jdbc.update("INSERT INTO presence (user_id) SELECT DISTINCT id FROM unnest(?) AS q(id) ORDER BY id "
                + "ON CONFLICT DO NOTHING", new SqlArrayValue("uuid", ids));
        jdbc.queryForList("SELECT user_id FROM presence WHERE user_id = ANY (?) ORDER BY user_id FOR UPDATE",
                UUID.class, new SqlArrayValue("uuid", ids));
    }

    /**
     * Records the actual state after the user's sessions changed (row locked by {@link #lock}).
     *
     * @param endedAt when the session that just ended ended (null: now); becomes last seen if it was the last one
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sessionsChanged(UUID userId, Instant endedAt) {
        jdbc.update("UPDATE presence p SET online = s.live, "
                        + "last_seen_at = CASE WHEN p.online AND NOT s.live THEN coalesce(?, now()) "
                        + "ELSE p.last_seen_at END, "
                        + "changed_at = CASE WHEN p.online <> s.live THEN now() ELSE p.changed_at END "
                        + "FROM (SELECT EXISTS (SELECT 1 FROM live_session WHERE user_id = ?) AS live) s "
                        + "WHERE p.user_id = ?",
                endedAt == null ? null : Timestamp.from(endedAt), userId, userId);
    }

    /**
     * Publishes every change that has stood for the debounce window; several instances may run this at once
     * ({@code SKIP LOCKED}: each row goes to one of them, and a row being changed is taken on the next round).
     *
     * @return how many events were written
     */
    @Transactional
    public int publishDue() {
        List<View> due = jdbc.query("SELECT user_id, online, last_seen_at FROM presence "
                        + "WHERE online <> published_online AND changed_at <= now() - ? * interval '1 millisecond' "
                        + "ORDER BY changed_at LIMIT " + PUBLISH_BATCH + " FOR UPDATE SKIP LOCKED",
                (rs, n) -> new View(rs.getObject(1, UUID.class), rs.getBoolean(2), instant(rs.getTimestamp(3))),
                debounce.toMillis());
        for (View view : due) {
            outbox.add(UserClientTopics.USERS, view.userId().toString(), PresenceChanged.TYPE,
                    new PresenceChanged(view.userId(), view.online(), view.lastSeenAt()));
            jdbc.update("UPDATE presence SET published_online = online, published_last_seen = last_seen_at "
                    + "WHERE user_id = ?", view.userId());
        }
        return due.size();
    }

    /**
     * The published presence of those of {@code userIds} who share a dialog with {@code viewer} (or are the viewer)
     * and have not blocked the viewer, in the order asked; the others are left out, so the answer reveals nothing
     * about strangers, and a blocker looks like one (ADR 0024).
     */
    @Transactional(readOnly = true)
    public List<View> visibleTo(UUID viewer, List<UUID> userIds) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(userIds));
        if (distinct.isEmpty()) {
            return List.of();
        }
        String array = distinct.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<View> found = jdbc.query("SELECT q.id, coalesce(p.published_online, false), p.published_last_seen "
                        + "FROM unnest(?::uuid[]) WITH ORDINALITY AS q(id, n) "
                        + "LEFT JOIN presence p ON p.user_id = q.id "
                        + "WHERE (q.id = ? OR EXISTS (SELECT 1 FROM dialog_member mine JOIN dialog_member theirs "
                        + "ON theirs.dialog_id = mine.dialog_id WHERE mine.user_id = ? AND mine.member "
                        + "AND theirs.user_id = q.id AND theirs.member)) AND NOT EXISTS (SELECT 1 FROM user_block b "
                        + "WHERE b.blocker_id = q.id AND b.blocked_id = ? AND b.blocked) ORDER BY q.n",
                (rs, n) -> new View(rs.getObject(1, UUID.class), rs.getBoolean(2), instant(rs.getTimestamp(3))),
                array, viewer, viewer, viewer);
        return found;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
