package io.chatbackend.platform.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
                    .setPGStartupWait(Duration.ofSeconds(120));
            serverConfig(mode).forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            PostgresServer server = new PostgresServer(postgres, port, password);
            server.createDatabaseIfMissing();
            server.requirePasswords(dir.resolve("data"));
            return server;
        } catch (IOException e) {
            throw new InfraException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The server's settings. The embedded binaries start the server with {@code -F} (fsync off) before these
     * {@code -c} settings, and a later setting wins, so durability has to be asked for explicitly: a durable run
     * flushes every commit to disk (fsync, synchronous commit) and can recover torn pages after a crash of the
     * machine (full-page writes), so an acknowledged message survives it and the benchmarks measure that cost.
     * Tests give up all three for speed: their data is thrown away.
     */
    static Map<String, String> serverConfig(Mode mode) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.put("max_connections", "300");
        config.put("unix_socket_directories", "");
        boolean durable = mode == Mode.DURABLE;
        config.put("fsync", durable ? "on" : "off");
        config.put("synchronous_commit", durable ? "on" : "off");
        config.put("full_page_writes", durable ? "on" : "off");
        config.put("shared_buffers", durable ? "128MB" : "32MB");
        return config;
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
