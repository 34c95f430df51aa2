package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where the running embedded servers listen. Written atomically to a properties file by the launcher and
 * read by the local run and by every test JVM of a build.
 */
public record Endpoints(String postgresJdbcUrl, String postgresUsername, String postgresPassword,
                        String kafkaBootstrapServers, String cassandraHost, int cassandraPort,
                        String cassandraLocalDatacenter, long launcherPid) {

    public void writeTo(Path file) {
        Properties properties = new Properties();
        properties.setProperty("postgres.jdbc-url", postgresJdbcUrl);
        properties.setProperty("postgres.username", postgresUsername);
        properties.setProperty("postgres.password", postgresPassword);
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.setProperty("cassandra.host", cassandraHost);
        properties.setProperty("cassandra.port", Integer.toString(cassandraPort));
        properties.setProperty("cassandra.local-datacenter", cassandraLocalDatacenter);
        properties.setProperty("launcher.pid", Long.toString(launcherPid));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            // it holds the database password: the owner alone may read it
            Files.createFile(temporary, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "embedded infrastructure endpoints");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Endpoints readFrom(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Endpoints(properties.getProperty("postgres.jdbc-url"), properties.getProperty("postgres.username"),
                properties.getProperty("postgres.password"), properties.getProperty("kafka.bootstrap-servers"),
                properties.getProperty("cassandra.host"), Integer.parseInt(properties.getProperty("cassandra.port")),
                properties.getProperty("cassandra.local-datacenter"),
                Long.parseLong(properties.getProperty("launcher.pid")));
    }

    /** True while the launcher that wrote these endpoints is alive. */
    public boolean launcherAlive() {
        return ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false);
    }
}
