package io.chatbackend.platform.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** PostgreSQL from the embedded binaries (zonky), on loopback. */
final class PostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "chat";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String password;

    private PostgresServer(EmbeddedPostgres postgres, int port, String password) {
        this.postgres = postgres;
        this.port = port;
        this.password = password;
    }

    static PostgresServer start(Path dir, int port, Mode mode) {
        requireUserNamespacesWhenRoot();
        try {
            Files.createDirectories(dir);
            // the superuser's password: generated with the data directory, kept beside it for the owner only
            String password = GeneratedSecret.readOrCreate(dir.resolve("superuser.password"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setConnectConfig("password", password)
                    .setPort(port)
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("unix_socket_directories", "");
            if (mode == Mode.TEST) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("shared_buffers", "32MB");
            } else {
                builder.setServerConfig("synchronous_commit", "on")
                        .setServerConfig("shared_buffers", "128MB");
            }
            EmbeddedPostgres postgres = builder.start();
            PostgresServer server = new PostgresServer(postgres, port, password);
            server.createDatabaseIfMissing();
            server.requirePasswords(dir.resolve("data"));
            return server;
        } catch (IOException e) {
            throw new InfraException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    private void createDatabaseIfMissing() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("ALTER USER " + USER + " WITH PASSWORD '" + password.replace("'", "''") + "'");
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new InfraException("PostgreSQL started but could not be prepared: " + e.getMessage(), e);
        }
    }

    /**
     * initdb of the embedded binaries trusts every local connection; from here on a TCP connection needs the
     * password (SCRAM), so another local user cannot connect without reading the owner-only password file.
     */
    private void requirePasswords(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # written by the embedded launcher: passwords (SCRAM) for every TCP connection, no local socket
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            try (var connection = postgres.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException | java.sql.SQLException e) {
            throw new InfraException("PostgreSQL started but could not require passwords: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As root, the embedded binaries run initdb/postgres as another user through {@code unshare -U}. */
    private static void requireUserNamespacesWhenRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            if (probe.waitFor() != 0) {
                throw new InfraException("PostgreSQL cannot run as root here: user namespaces are unavailable "
                        + "(`unshare -U true` failed). Run as a normal user, or enable unprivileged user namespaces "
                        + "(sysctl kernel.unprivileged_userns_clone=1).");
            }
        } catch (IOException e) {
            throw new InfraException("PostgreSQL cannot run as root here: `unshare` is missing. Run as a normal "
                    + "user.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while probing user namespaces");
        }
    }
}
