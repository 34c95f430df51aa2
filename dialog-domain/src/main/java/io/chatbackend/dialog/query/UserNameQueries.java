package io.chatbackend.dialog.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The display names dialog-domain knows (from UAA's events), for the senders a page shows. */
@Component
public class UserNameQueries {

    private final JdbcTemplate jdbc;

    public UserNameQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The names of those of {@code userIds} it knows, in one statement. */
    public Map<UUID, String> namesOf(Collection<UUID> userIds) {
        Map<UUID, String> names = new HashMap<>();
        if (!userIds.isEmpty()) {
            jdbc.query("SELECT user_id, display_name FROM user_name WHERE user_id = ANY (?)",
                    rs -> {
                        names.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }, (Object) userIds.stream().distinct().toArray(UUID[]::new));
        }
        return names;
    }
}
