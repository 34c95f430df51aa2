package io.chatbackend.tools.load.send.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach the run's PostgreSQL as its superuser. The launcher writes the address and the generated password
 * to {@code <data>/endpoints.properties} (owner-only) while it runs; without it, the password file kept beside the
 * database ({@code <data>/infra/postgres/superuser.password}) and the remembered port
 * ({@code <data>/infra/ports.properties}) give the same.
 */
public record PostgresAccess(String jdbcUrl, String user, String password) {

    public static Optional<PostgresAccess> fromEndpoints(Path endpointsFile) {
        if (endpointsFile == null) {
            return Optional.empty();
        }
        return load(endpointsFile).filter(p -> p.getProperty("postgres.jdbc-url") != null)
                .map(p -> new PostgresAccess(p.getProperty("postgres.jdbc-url"), p.getProperty("postgres.username"),
                        p.getProperty("postgres.password")));
    }

    public static Optional<PostgresAccess> fromDataDir(Path dataDir) {
        if (dataDir == null) {
            return Optional.empty();
        }
        Optional<PostgresAccess> running = fromEndpoints(dataDir.resolve("endpoints.properties"));
        if (running.isPresent()) {
            return running;
        }
        Path infra = dataDir.resolve("infra");
        Optional<String> port = load(infra.resolve("ports.properties")).map(p -> p.getProperty("postgres"));
        try {
            String password = Files.readString(infra.resolve("postgres").resolve("superuser.password")).strip();
            return port.map(p -> new PostgresAccess("jdbc:postgresql://127.0.0.1:" + p + "/chat", "postgres",
                    password));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "bench-send");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static Optional<Properties> load(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
