package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** A single-node Kafka broker in KRaft combined mode, in a child JVM. */
final class KafkaServer implements AutoCloseable {

    private static final String CLASSPATH = "/io/chatbackend/infra/kafka-server.classpath";

    private final int port;
    private final ChildJvm jvm;

    private KafkaServer(int port, ChildJvm jvm) {
        this.port = port;
        this.jvm = jvm;
    }

    static KafkaServer start(Path dir, Path logDir, int port, int controllerPort, int partitions,
                             List<String> jitFlags) {
        try {
            Files.createDirectories(dir);
            Path logDirs = dir.resolve("data");
            Path config = dir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDirs,
                    "num.partitions=" + partitions,
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "transaction.state.log.num.partitions=4",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    // Integration topics are the event log: nothing expires by time unless a topic says so.
                    "log.retention.ms=-1",
                    "") );
            Path jvmLog = logDir.resolve("kafka.log");
            Path javaHome = Path.of(System.getProperty("java.home"));
            List<String> jvmArgs = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                    "-Djava.net.preferIPv4Stack=true", "-Dlog4j2.level=WARN"));
            jvmArgs.addAll(jitFlags);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                ChildJvm.runToCompletion("kafka storage format", javaHome, CLASSPATH, jvmArgs,
                        "kafka.tools.StorageTool",
                        List.of("format", "-t", clusterId(), "-c", config.toString()), jvmLog, dir);
            }
            ChildJvm jvm = ChildJvm.start("kafka", javaHome, CLASSPATH, jvmArgs, "kafka.Kafka",
                    List.of(config.toString()), jvmLog, dir);
            KafkaServer server = new KafkaServer(port, jvm);
            try {
                Ports.awaitListening(port, jvm.process(), Duration.ofSeconds(120), "kafka", jvmLog);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        jvm.stop();
    }

    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) { // the storage tool would take it for an option (1 in 64 ids)
                return id;
            }
        }
    }
}
