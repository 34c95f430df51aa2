package io.chatbackend.dialog.query;

import io.chatbackend.dialog.command.UserBlockedEvent;
import io.chatbackend.dialog.command.UserUnblockedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Who blocked whom, in the same subscribing group (and so the same transaction) as the membership tables: the
 * checks of the send path and of the dialogs API read it and are never stale.
 */
@Component
@ProcessingGroup(DialogMembershipProjection.GROUP)
class BlockProjection {

    private final JdbcTemplate jdbc;

    BlockProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserBlockedEvent event) {
        jdbc.update("INSERT INTO user_block (blocker_id, blocked_id, blocked_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (blocker_id, blocked_id) DO NOTHING", UUID.fromString(event.blockerId()),
                event.blockedId(), Timestamp.from(event.blockedAt()));
    }

    @EventHandler
    void on(UserUnblockedEvent event) {
        jdbc.update("DELETE FROM user_block WHERE blocker_id = ? AND blocked_id = ?",
                UUID.fromString(event.blockerId()), event.blockedId());
    }
}
