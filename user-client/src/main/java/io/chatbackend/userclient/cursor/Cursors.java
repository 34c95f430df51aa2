package io.chatbackend.userclient.cursor;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Per device and dialog: delivered up to which {@code dialogSeq}. Cursors only move forward. */
public class Cursors {

    private final JdbcTemplate jdbc;

    public Cursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves the cursor to {@code upToSeq} unless it is already further; returns the cursor afterwards. */
    @Transactional
    public long advance(UUID userId, String deviceId, UUID dialogId, long upToSeq) {
        return jdbc.queryForObject("INSERT INTO delivery_cursor (user_id, device_id, dialog_id, up_to_seq) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, device_id, dialog_id) DO UPDATE "
                + "SET up_to_seq = greatest(delivery_cursor.up_to_seq, excluded.up_to_seq), "
                + "updated_at = CASE WHEN excluded.up_to_seq > delivery_cursor.up_to_seq THEN now() "
                + "ELSE delivery_cursor.updated_at END RETURNING up_to_seq", Long.class, userId, deviceId, dialogId,
                upToSeq);
    }

    @Transactional(readOnly = true)
    public Map<UUID, Long> of(UUID userId, String deviceId) {
        Map<UUID, Long> cursors = new LinkedHashMap<>();
        jdbc.query("SELECT dialog_id, up_to_seq FROM delivery_cursor WHERE user_id = ? AND device_id = ? "
                + "ORDER BY dialog_id", rs -> {
            cursors.put(rs.getObject(1, UUID.class), rs.getLong(2));
        }, userId, deviceId);
        return cursors;
    }
}
