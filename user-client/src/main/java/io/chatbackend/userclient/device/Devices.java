package io.chatbackend.userclient.device;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.userclient.UserClientProblem;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.chatbackend.userclient.contract.UserClientTopics;
import io.chatbackend.userclient.integration.Outbox;
import io.chatbackend.userclient.session.Presence;
import io.chatbackend.userclient.session.Sessions;
import org.springframework.http.HttpStatus;
import io.chatbackend.platform.audit.AuditTrail;
import io.chatbackend.platform.web.RequestIdFilter;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's devices (clients), keyed by {@code (userId, deviceId)}: the device id is the {@code did} claim of the
 * device's tokens, so two users' devices never collide and another user's device is simply not found.
 */
public class Devices {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A device as its owner sees it. */
    public record Device(String deviceId, String name, Instant createdAt, Instant lastSeenAt, boolean revoked,
                         String pushEndpoint) {
    }

    /** The answer to registering a push endpoint: the only time the secret is shown to the device. */
    public record PushRegistration(String url, String secret) {
    }

    private static final String SELECT = "SELECT d.device_id, d.name, d.created_at, "
            + "CASE WHEN d.revoked_at IS NULL AND EXISTS (SELECT 1 FROM live_session s WHERE s.user_id = d.user_id "
            + "AND s.device_id = d.device_id AND s.expires_at > now()) THEN now() ELSE d.last_seen_at END, "
            + "d.revoked_at IS NOT NULL, d.push_url FROM device d ";
    private static final RowMapper<Device> DEVICE = (rs, n) -> new Device(rs.getString(1), rs.getString(2),
            instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getBoolean(5), rs.getString(6));

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Presence presence;

    private final AuditTrail trail;

    public Devices(JdbcTemplate jdbc, Outbox outbox, Presence presence, AuditTrail trail) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.presence = presence;
        this.trail = trail;
    }

    /**
     * The calling device registers itself implicitly on every use; its last-seen time is written at most once a
     * minute, so busy clients do not turn every read into a write.
     */
    @Transactional
    public void seen(UUID userId, String deviceId) {
        jdbc.update("INSERT INTO device (user_id, device_id, last_seen_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (user_id, device_id) DO UPDATE SET last_seen_at = now() "
                + "WHERE device.last_seen_at IS NULL OR device.last_seen_at < now() - interval '1 minute'",
                userId, deviceId);
    }

    @Transactional(readOnly = true)
    public List<Device> list(UUID userId) {
        return jdbc.query(SELECT + "WHERE d.user_id = ? ORDER BY d.created_at, d.device_id", DEVICE, userId);
    }

    /**
     * Renames one of the user's devices. A device exists once it has been used ({@link #seen}): naming an id that
     * never signed in is refused, so a client cannot fill its account with devices that do not exist.
     */
    @Transactional
    public Device name(UUID userId, String deviceId, String name) {
        if (jdbc.update("UPDATE device SET name = ? WHERE user_id = ? AND device_id = ?", name, userId,
                deviceId) == 0) {
            throw notFound();
        }
        return find(userId, deviceId).orElseThrow();
    }

    /**
     * Revokes the device: marks it, ends its live sessions (presence follows), publishes {@link DeviceRevoked} and
     * writes a chained audit record (ADR 0026), all in one transaction. Revoking a revoked device changes, publishes
     * and records nothing.
     *
     * @param actingDevice the device of the token that asked (the user's own, or another of theirs)
     * @return whether this call revoked it
     */
    @Transactional
    public boolean revoke(UUID userId, String deviceId, String actingDevice) {
        presence.lock(userId); // first, like every session change of the user (one lock order, no deadlock)
        List<Timestamp> revoked = jdbc.queryForList("UPDATE device SET revoked_at = now() WHERE user_id = ? "
                + "AND device_id = ? AND revoked_at IS NULL RETURNING revoked_at", Timestamp.class, userId, deviceId);
        if (revoked.isEmpty()) {
            if (find(userId, deviceId).isEmpty()) {
                throw notFound();
            }
            return false;
        }
        int ended = jdbc.update("DELETE FROM live_session WHERE user_id = ? AND device_id = ?", userId, deviceId);
        if (ended > 0) {
            presence.sessionsChanged(userId, null);
        }
        Instant revokedAt = revoked.get(0).toInstant();
        outbox.add(UserClientTopics.USERS, userId.toString(), DeviceRevoked.TYPE,
                new DeviceRevoked(userId, deviceId, revokedAt));
        trail.append("user:" + userId, actingDevice, MDC.get(RequestIdFilter.MDC_KEY), "DEVICE_REVOKED",
                "user:" + userId, JSON.writeValueAsString(Map.of("deviceId", deviceId, "revokedAt",
                        revokedAt.toString())));
        return true;
    }

    /** Registers (or replaces) the device's push endpoint with a new signing secret. */
    @Transactional
    public PushRegistration setPush(UUID userId, String deviceId, String url) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        int updated = jdbc.update("UPDATE device SET push_url = ?, push_secret = ? WHERE user_id = ? "
                + "AND device_id = ? AND revoked_at IS NULL", url, secret, userId, deviceId);
        if (updated == 0) {
            throw find(userId, deviceId).isPresent() ? Sessions.revokedDevice() : notFound();
        }
        return new PushRegistration(url, secret);
    }

    @Transactional
    public void clearPush(UUID userId, String deviceId) {
        if (jdbc.update("UPDATE device SET push_url = NULL, push_secret = NULL WHERE user_id = ? AND device_id = ?",
                userId, deviceId) == 0) {
            throw notFound();
        }
    }

    /** Push endpoints of the user's non-revoked devices, for offline push. */
    @Transactional(readOnly = true)
    public List<PushEndpoint> pushEndpoints(UUID userId) {
        return jdbc.query("SELECT device_id, push_url, push_secret FROM device WHERE user_id = ? "
                        + "AND revoked_at IS NULL AND push_url IS NOT NULL ORDER BY device_id",
                (rs, n) -> new PushEndpoint(rs.getString(1), rs.getString(2), rs.getString(3)), userId);
    }

    private Optional<Device> find(UUID userId, String deviceId) {
        return jdbc.query(SELECT + "WHERE d.user_id = ? AND d.device_id = ?", DEVICE, userId, deviceId).stream()
                .findFirst();
    }

    static ApiException notFound() {
        return new ApiException(UserClientProblem.CLIENT_NOT_FOUND, "No such client.");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
