package io.chatbackend.dialog.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads the blocks (ADR 0024). */
@Component
public class BlockQueries {

    /** A user someone blocked, and since when. */
    public record Block(UUID userId, Instant blockedAt) {
    }

    private final JdbcTemplate jdbc;

    public BlockQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean hasBlocked(UUID blocker, UUID blocked) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM user_block WHERE blocker_id = ? "
                + "AND blocked_id = ?)", Boolean.class, blocker, blocked));
    }

    /** Those of {@code candidates} who have blocked {@code user}. */
    public Set<UUID> blockersOf(UUID user, Collection<UUID> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("SELECT blocker_id FROM user_block WHERE blocked_id = ? "
                + "AND blocker_id = ANY (?)", UUID.class, user, candidates.toArray(UUID[]::new)));
    }

    /** Whom {@code blocker} has blocked, the latest first. */
    public List<Block> blocksOf(UUID blocker) {
        return jdbc.query("SELECT blocked_id, blocked_at FROM user_block WHERE blocker_id = ? "
                + "ORDER BY blocked_at DESC, blocked_id", (rs, n) -> new Block(rs.getObject(1, UUID.class),
                rs.getTimestamp(2).toInstant()), blocker);
    }
}
