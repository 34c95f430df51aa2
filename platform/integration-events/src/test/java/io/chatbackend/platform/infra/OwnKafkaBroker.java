package io.chatbackend.platform.infra;

import java.nio.file.Path;

/**
 * A Kafka broker of a test's own, in a child JVM, that the test may stop and start again on the same data directory
 * and ports (to prove behaviour across a real outage). It reuses embedded-infra's {@link KafkaServer}, which is
 * package-private there; this helper lives in the same package for that reason only.
 */
public final class OwnKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaServer server;

    private OwnKafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats {@code dir} on first use and starts a single-node KRaft broker on free loopback ports. */
    public static OwnKafkaBroker start(Path dir) {
        OwnKafkaBroker broker = new OwnKafkaBroker(dir, Ports.freePort(), Ports.freePort());
        broker.startAgain();
        return broker;
    }

    /** Starts the broker (again) on the same directory and ports; the data written before is still there. */
    public synchronized void startAgain() {
        if (server == null) {
            server = KafkaServer.start(dir, dir.resolve("logs"), port, controllerPort, 3);
        }
    }

    /** Stops the broker process for real (SIGTERM, then waits for it to exit). */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
