package io.chatbackend.uaa.directory;

import io.chatbackend.uaa.contract.UserProfileChanged;
import io.chatbackend.uaa.contract.UserRegistered;
import io.chatbackend.uaa.integration.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Public profiles: look-ups, searches and display-name changes (each published as {@link UserProfileChanged}). */
public class UserDirectory {

    private static final RowMapper<UserProfile> PROFILE = (rs, n) -> new UserProfile(
            rs.getObject("user_id", UUID.class), rs.getString("username"), rs.getString("display_name"));

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public UserDirectory(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Optional<UserProfile> byId(UUID userId) {
        return jdbc.query("SELECT user_id, username, display_name FROM account WHERE user_id = ?", PROFILE, userId)
                .stream().findFirst();
    }

    /** The profiles of those of {@code userIds} that exist, by username. */
    public List<UserProfile> byIds(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT user_id, username, display_name FROM account WHERE user_id = ANY (?) "
                + "ORDER BY username", PROFILE, (Object) userIds.toArray(UUID[]::new));
    }

    /** One page of a search, by username, plus whether there is more (asked for one row beyond the page). */
    public Page search(DirectoryQuery query) {
        List<Object> arguments = new ArrayList<>(List.of(query.likePrefix(), query.likePrefix()));
        String after = "";
        if (query.afterUsername().isPresent()) {
            after = " AND username > ?";
            arguments.add(query.afterUsername().get());
        }
        arguments.add(query.limit() + 1);
        List<UserProfile> rows = jdbc.query("SELECT user_id, username, display_name FROM account "
                + "WHERE (username LIKE ? OR lower(display_name) LIKE ?)" + after + " ORDER BY username LIMIT ?",
                PROFILE, arguments.toArray());
        boolean more = rows.size() > query.limit();
        List<UserProfile> page = more ? rows.subList(0, query.limit()) : rows;
        return new Page(List.copyOf(page), more ? Optional.of(DirectoryQuery.cursorAfter(
                page.get(page.size() - 1).username())) : Optional.empty());
    }

    /** Changes the display name and publishes it; empty if there is no such user. */
    @Transactional
    public Optional<UserProfile> rename(UUID userId, String displayName) {
        List<UserProfile> changed = jdbc.query("UPDATE account SET display_name = ? WHERE user_id = ? "
                + "RETURNING user_id, username, display_name", PROFILE, displayName, userId);
        changed.forEach(profile -> outbox.add(UserRegistered.TOPIC, profile.userId().toString(),
                UserProfileChanged.TYPE, new UserProfileChanged(profile.userId(), profile.username(),
                        profile.displayName(), clock.instant())));
        return changed.stream().findFirst();
    }

    public record Page(List<UserProfile> items, Optional<String> nextCursor) {
    }
}
