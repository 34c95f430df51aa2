package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Starts PostgreSQL, Kafka and Cassandra in parallel and stops them in reverse. */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private Endpoints endpoints;

    private EmbeddedInfrastructure() {
    }

    /**
     * Starts the three servers under {@code dataDir}. Ports chosen earlier for the same directory are reused
     * when free, so a kept data directory restarts on the same addresses.
     */
    public static EmbeddedInfrastructure start(Path dataDir, Path logDir, Mode mode, Consumer<String> progress) {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
        Properties ports = loadPorts(dataDir);
        int postgresPort = Ports.reuseOrFree(intOf(ports, "postgres"));
        int kafkaPort = Ports.reuseOrFree(intOf(ports, "kafka"));
        int kafkaControllerPort = Ports.reuseOrFree(intOf(ports, "kafka.controller"));
        int cassandraPort = Ports.reuseOrFree(intOf(ports, "cassandra"));
        int cassandraStoragePort = Ports.reuseOrFree(intOf(ports, "cassandra.storage"));
        ports.setProperty("postgres", Integer.toString(postgresPort));
        ports.setProperty("kafka", Integer.toString(kafkaPort));
        ports.setProperty("kafka.controller", Integer.toString(kafkaControllerPort));
        ports.setProperty("cassandra", Integer.toString(cassandraPort));
        ports.setProperty("cassandra.storage", Integer.toString(cassandraStoragePort));
        savePorts(dataDir, ports);

        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() -> timed(progress, "postgres",
                () -> PostgresServer.start(dataDir.resolve("postgres"), postgresPort, mode)));
        CompletableFuture<KafkaServer> kafka = CompletableFuture.supplyAsync(() -> timed(progress, "kafka",
                () -> KafkaServer.start(dataDir.resolve("kafka"), logDir, kafkaPort, kafkaControllerPort, 4,
                        mode.jitFlags())));
        CompletableFuture<CassandraServer> cassandra = CompletableFuture.supplyAsync(() -> timed(progress,
                "cassandra", () -> CassandraServer.start(dataDir.resolve("cassandra"), logDir, cassandraPort,
                        cassandraStoragePort, mode, mode.jitFlags())));
        RuntimeException failure = null;
        for (CompletableFuture<? extends AutoCloseable> server : List.of(postgres, kafka, cassandra)) {
            try {
                infrastructure.started.add(server.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new InfraException(String.valueOf(e.getCause()), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            infrastructure.close();
            throw failure;
        }
        PostgresServer pg = postgres.join();
        infrastructure.endpoints = new Endpoints(pg.jdbcUrl(), PostgresServer.USER, pg.password(),
                kafka.join().bootstrapServers(), "127.0.0.1", cassandra.join().nativePort(), "datacenter1",
                ProcessHandle.current().pid());
        return infrastructure;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(server -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping " + server.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        });
        started.clear();
    }

    private static <T> T timed(Consumer<String> progress, String name, java.util.function.Supplier<T> start) {
        long begin = System.nanoTime();
        progress.accept("starting " + name);
        T server = start.get();
        progress.accept(String.format("%s ready (%.1f s)", name, (System.nanoTime() - begin) / 1e9));
        return server;
    }

    private static Properties loadPorts(Path dataDir) {
        Properties properties = new Properties();
        Path file = dataDir.resolve("ports.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void savePorts(Path dataDir, Properties ports) {
        try {
            Files.createDirectories(dataDir);
            try (Writer writer = Files.newBufferedWriter(dataDir.resolve("ports.properties"))) {
                ports.store(writer, "ports of the embedded servers, reused on the next start when free");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intOf(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
