package io.chatbackend.uaa.account;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.Arrays;
import java.util.LinkedHashSet;
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

    /**
     * Gives the user the role, or takes it away; answers whether that changed anything, or empty when there is no
     * such user. Locks the account's row for the rest of the transaction.
     */
    public Optional<Boolean> setRole(UUID userId, String role, boolean present) {
        List<String> roles = jdbc.query("SELECT roles FROM account WHERE user_id = ? FOR UPDATE",
                (rs, n) -> rs.getString(1), userId);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        LinkedHashSet<String> current = new LinkedHashSet<>(Arrays.asList(roles.get(0).split(",")));
        boolean changed = present ? current.add(role) : current.remove(role);
        if (changed) {
            jdbc.update("UPDATE account SET roles = ? WHERE user_id = ?", String.join(",", current), userId);
        }
        return Optional.of(changed);
    }
}
