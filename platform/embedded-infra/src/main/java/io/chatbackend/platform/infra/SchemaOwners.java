package io.chatbackend.platform.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One database user per context: a login role that owns its context's schema and nothing else, so a context can
 * neither read nor change another's tables (the local run and the test stacks; production does the same by hand).
 */
public final class SchemaOwners {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SchemaOwners() {
    }

    /**
     * Makes {@code role} (a login with {@code password}) the owner of {@code schema} in the database at {@code
     * jdbcUrl}, creating either if missing, as the administrator {@code adminUser}.
     */
    public static void ensure(String jdbcUrl, String adminUser, String adminPassword, String schema, String role,
                              String password) {
        requireIdentifier(schema);
        requireIdentifier(role);
        if (password.indexOf('\'') >= 0 || password.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("generated passwords never hold quotes or backslashes");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, adminUser, adminPassword);
             Statement statement = connection.createStatement()) {
            // a role is cluster-wide; serialize its creation with every other stack starting at the same time
            statement.execute("SELECT pg_advisory_lock(hashtext('schema-owners'))");
            try {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
                        + "') THEN CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'; ELSE ALTER ROLE "
                        + role + " LOGIN PASSWORD '" + password + "'; END IF; END $$");
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
                statement.execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
                statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            } finally {
                statement.execute("SELECT pg_advisory_unlock(hashtext('schema-owners'))");
            }
        } catch (SQLException e) {
            throw new InfraException("cannot make " + role + " the owner of schema " + schema + ": " + e.getMessage(),
                    e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }
}
