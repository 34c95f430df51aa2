package io.chatbackend.platform.testing;

import io.chatbackend.platform.infra.Endpoints;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, uniquely named databases, keyspaces and topics on the shared servers, so tests of one build never see
 * each other's data and need no clean-up.
 */
public final class IsolatedData {

    private IsolatedData() {
    }

    /** A unique lower-case name with the given prefix, valid as a database, keyspace or topic name. */
    public static String uniqueName(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
    }

    /** Creates a new, empty PostgreSQL database and returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        String name = uniqueName(prefix);
        try (Connection connection = DriverManager.getConnection(endpoints.postgresJdbcUrl(),
                endpoints.postgresUsername(), endpoints.postgresPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        String url = endpoints.postgresJdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }
}
