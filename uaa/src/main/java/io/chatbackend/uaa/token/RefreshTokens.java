package io.chatbackend.uaa.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rotating refresh tokens: opaque random values stored only as hashes, one family per login on a device. Using a
 * token rotates it (the old one becomes used); using an already-used token is theft or a replay, and revokes the
 * whole family so neither party can continue.
 */
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final Clock clock;

    public RefreshTokens(JdbcTemplate jdbc, Duration ttl, Clock clock) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Who a rotated token belongs to. */
    public record Holder(UUID userId, String deviceId, String newToken) {
    }

    /** Starts a new family (a login). */
    @Transactional
    public String issue(UUID userId, String deviceId) {
        return insert(UUID.randomUUID(), userId, deviceId);
    }

    /** Rotates a token; empty if it is unknown, expired, revoked, or reused (which revokes its family). */
    @Transactional(noRollbackFor = RuntimeException.class)
    public Optional<Holder> rotate(String token) {
        String hash = hash(token);
        List<Row> rows = jdbc.query("SELECT family_id, user_id, device_id, expires_at, used_at, revoked_at "
                        + "FROM refresh_token WHERE token_hash = ? FOR UPDATE",
                (rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null, rs.getTimestamp(6) != null),
                hash);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        Instant now = clock.instant();
        if (row.used()) {
            revokeFamily(row.familyId());
            return Optional.empty();
        }
        if (row.revoked() || !row.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        if (familyOfRevokedDevice(row.familyId(), row.userId(), row.deviceId())) {
            // a rotation that raced the device's revocation produced this token; the family is dead all the same
            revokeFamily(row.familyId());
            return Optional.empty();
        }
        jdbc.update("UPDATE refresh_token SET used_at = ? WHERE token_hash = ?", Timestamp.from(now), hash);
        return Optional.of(new Holder(row.userId(), row.deviceId(), insert(row.familyId(), row.userId(),
                row.deviceId())));
    }

    /** Revokes the family of a token (logout); unknown tokens are ignored. */
    @Transactional
    public void revokeFamilyOf(String token) {
        jdbc.query("SELECT family_id FROM refresh_token WHERE token_hash = ?",
                (rs, n) -> rs.getObject(1, UUID.class), hash(token)).forEach(this::revokeFamily);
    }

    /** Revokes every token of a user's device (device revocation). */
    @Transactional
    public int revokeDevice(UUID userId, String deviceId) {
        return jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND device_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(clock.instant()), userId, deviceId);
    }

    /**
     * Applies a device revocation from user-client, idempotently: the first time it is seen its time is recorded,
     * and every refresh family of the device started up to that time is revoked. A redelivered event finds the same
     * recorded time, so it can never revoke a family started by a later login.
     *
     * @return the tokens revoked by this call
     */
    @Transactional
    public int revokeDeviceFamilies(UUID userId, String deviceId) {
        jdbc.update("INSERT INTO revoked_device (user_id, device_id, revoked_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", userId, deviceId, Timestamp.from(clock.instant()));
        return jdbc.update("UPDATE refresh_token t SET revoked_at = ? FROM revoked_device r "
                + "WHERE r.user_id = ? AND r.device_id = ? AND t.user_id = r.user_id AND t.device_id = r.device_id "
                + "AND t.revoked_at IS NULL AND t.family_id IN (SELECT family_id FROM refresh_token "
                + "WHERE user_id = r.user_id AND device_id = r.device_id GROUP BY family_id "
                + "HAVING min(issued_at) <= r.revoked_at)", Timestamp.from(clock.instant()), userId, deviceId);
    }

    /**
     * Whether user-client revoked this device id of the user. A revoked device id stays revoked: a login naming it
     * is refused, so a device's lifecycle is the same in UAA and user-client (ADR 0016).
     */
    @Transactional(readOnly = true)
    public boolean isDeviceRevoked(UUID userId, String deviceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM revoked_device WHERE "
                + "user_id = ? AND device_id = ?)", Boolean.class, userId, deviceId));
    }

    private boolean familyOfRevokedDevice(UUID familyId, UUID userId, String deviceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM revoked_device r WHERE "
                + "r.user_id = ? AND r.device_id = ? AND r.revoked_at >= (SELECT min(issued_at) FROM refresh_token "
                + "WHERE family_id = ?))", Boolean.class, userId, deviceId, familyId));
    }

    private void revokeFamily(UUID familyId) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), familyId);
    }

    private String insert(UUID familyId, UUID userId, String deviceId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.update("INSERT INTO refresh_token (token_hash, family_id, user_id, device_id, issued_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", hash(token), familyId, userId, deviceId, Timestamp.from(now),
                Timestamp.from(now.plus(ttl)));
        return token;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(UUID familyId, UUID userId, String deviceId, Instant expiresAt, boolean used,
                       boolean revoked) {
    }
}
