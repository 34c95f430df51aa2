package io.chatbackend.platform.infra;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A Kafka broker or a Cassandra node of a test's own, in a child JVM, that the test stops and starts again for real
 * on the same data directory and ports, to prove what a real outage does (the shared servers of the build must
 * never be stopped). Cassandra runs with durable settings here, so what was written before a stop is there after.
 */
public final class RestartableServer implements AutoCloseable {

    private final String address;
    private final Supplier<AutoCloseable> starter;
    private AutoCloseable running;

    private RestartableServer(String address, Supplier<AutoCloseable> starter) {
        this.address = address;
        this.starter = starter;
    }

    /** A single-node KRaft broker (formatted on first start) with 3 partitions per new topic. */
    public static RestartableServer kafka(Path dir) {
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        return started("127.0.0.1:" + port,
                () -> KafkaServer.start(dir, dir.resolve("logs"), port, controllerPort, 3,
                        Mode.QUICK_START_JIT));
    }

    /** A single Cassandra node (data center {@code datacenter1}). */
    public static RestartableServer cassandra(Path dir) {
        int nativePort = Ports.freePort();
        int storagePort = Ports.freePort();
        return started("127.0.0.1:" + nativePort,
                () -> CassandraServer.start(dir, dir.resolve("logs"), nativePort, storagePort, Mode.DURABLE,
                        Mode.QUICK_START_JIT));
    }

    private static RestartableServer started(String address, Supplier<AutoCloseable> starter) {
        RestartableServer server = new RestartableServer(address, starter);
        server.start();
        return server;
    }

    /** {@code host:port} of the broker's listener or the node's CQL port; the same across restarts. */
    public String address() {
        return address;
    }

    /** Starts the server (again); returns once it answers. */
    public synchronized void start() {
        if (running == null) {
            running = starter.get();
        }
    }

    /** Stops the server process for real and waits for it to exit. */
    public synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                throw new InfraException("could not stop the server at " + address + ": " + e.getMessage());
            } finally {
                running = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
