package io.chatbackend.uaa.account;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Account rows. */
public class Accounts {

    private static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getObject("user_id", UUID.class),
            rs.getString("username"), rs.getString("display_name"), Optional.ofNullable(rs.getString("password_hash")),
            Arrays.asList(rs.getString("roles").split(",")));

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.query("SELECT * FROM account WHERE username = ?", ROW, username).stream().findFirst();
    }

    public Optional<Account> byId(UUID userId) {
        return jdbc.query("SELECT * FROM account WHERE user_id = ?", ROW, userId).stream().findFirst();
    }

    public List<Account> byIds(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM account WHERE user_id = ANY (?)", ROW,
                (Object) userIds.toArray(UUID[]::new));
    }

    /** Inserts unless the username is taken; tells whether it was inserted. */
    public boolean insertIfAbsent(Account account) {
        return jdbc.update("INSERT INTO account (user_id, username, display_name, password_hash, roles) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", account.userId(),
                account.username(), account.displayName(), account.passwordHash().orElse(null),
                String.join(",", account.roles())) == 1;
    }
}
