package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A single Cassandra node in a child JVM on a JDK 17. */
final class CassandraServer implements AutoCloseable {

    private static final String CLASSPATH = "/io/chatbackend/infra/cassandra-server.classpath";

    private static final List<String> EXPORTS = List.of("java.base/jdk.internal.misc",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref", "jdk.unsupported/sun.misc",
            "jdk.compiler/com.sun.tools.javac.file", "jdk.attach/sun.tools.attach");
    private static final List<String> OPENS = List.of("java.base/java.lang.module",
            "java.base/jdk.internal.loader", "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect",
            "java.base/jdk.internal.math", "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar",
            "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch", "java.base/java.io",
            "java.base/java.lang.reflect", "jdk.compiler/com.sun.tools.javac", "java.base/java.lang",
            "java.base/java.util");

    private final int nativePort;
    /** Its request threads' idle polling wakes at most this often per thread ({@link TimerSlack}). */
    static final Duration TIMER_SLACK = Duration.ofMillis(1);

    private final ChildJvm jvm;

    private CassandraServer(int nativePort, ChildJvm jvm) {
        this.nativePort = nativePort;
        this.jvm = jvm;
    }

    static CassandraServer start(Path dir, Path logDir, int nativePort, int storagePort, Mode mode,
                                 List<String> jitFlags) {
        Path javaHome = Jdk17.locate();
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("cassandra.yaml");
            Files.writeString(config, yaml(dir, nativePort, storagePort));
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <encoder><pattern>%%d %%-5level [%%thread] %%logger{20} - %%msg%%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="FILE"/></root>
                      <logger name="org.apache.cassandra.service.CassandraDaemon" level="INFO"/>
                    </configuration>
                    """.formatted(logDir.resolve("cassandra-system.log")));
            List<String> jvmArgs = new ArrayList<>(List.of("-Xms256m", "-Xmx768m", "-Xss512k",
                    "-XX:+UseG1GC",
                    "-Djdk.attach.allowAttachSelf=true", "-Dio.netty.tryReflectionSetAccessible=true",
                    "-Djava.net.preferIPv4Stack=true", "-Dcassandra-foreground=yes",
                    "-Dcassandra.config=" + config.toUri(), "-Dcassandra.storagedir=" + dir.resolve("data"),
                    "-Dcassandra.logdir=" + logDir, "-Dlogback.configurationFile=" + logback,
                    "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=0",
                    "-Dcassandra.superuser_setup_delay_ms=0", "-Dcassandra.jmx.local.port=0"));
            jvmArgs.addAll(jitFlags);
            if (mode == Mode.TEST) {
                jvmArgs.add("-Dcassandra.unsafesystem=true");
                jvmArgs.add("-Dcassandra.skip_sync=true");
            }
            EXPORTS.forEach(module -> jvmArgs.add("--add-exports=" + module + "=ALL-UNNAMED"));
            OPENS.forEach(module -> jvmArgs.add("--add-opens=" + module + "=ALL-UNNAMED"));
            Path jvmLog = logDir.resolve("cassandra.out");
            ChildJvm jvm = ChildJvm.start("cassandra", javaHome, CLASSPATH, jvmArgs,
                    "org.apache.cassandra.service.CassandraDaemon", List.of(), jvmLog, dir, TIMER_SLACK);
            CassandraServer server = new CassandraServer(nativePort, jvm);
            try {
                Ports.awaitListening(nativePort, jvm.process(), Duration.ofSeconds(180), "cassandra", jvmLog);
                awaitCqlReady(nativePort, jvm, Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native port can accept before the protocol answers; wait for a CQL OPTIONS → SUPPORTED exchange. */
    private static void awaitCqlReady(int port, ChildJvm jvm, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.process().isAlive()) {
                throw new InfraException("cassandra exited with code " + jvm.process().exitValue() + "; see " + jvm.log());
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
                socket.setSoTimeout(2000);
                // protocol v4 request header: version, flags, stream id (2 bytes), opcode OPTIONS (5), body length 0
                socket.getOutputStream().write(new byte[] {0x04, 0, 0, 0, 0x05, 0, 0, 0, 0});
                byte[] header = socket.getInputStream().readNBytes(9);
                if (header.length == 9 && header[4] == 0x06) {
                    return;
                }
            } catch (IOException e) {
                // not ready yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("interrupted while waiting for cassandra");
            }
        }
        throw new InfraException("cassandra listened on " + port + " but did not answer CQL within "
                + timeout.toSeconds() + " s; see " + jvm.log());
    }

    int nativePort() {
        return nativePort;
    }

    @Override
    public void close() {
        jvm.stop();
    }

    private static String yaml(Path dir, int nativePort, int storagePort) {
        Path data = dir.resolve("data");
        return """
                cluster_name: chat-embedded
                num_tokens: 1
                initial_token: 0
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 8MiB
                data_file_directories:
                  - %s
                commitlog_directory: %s
                saved_caches_directory: %s
                hints_directory: %s
                cdc_raw_directory: %s
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%d"
                listen_address: 127.0.0.1
                rpc_address: 127.0.0.1
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                endpoint_snitch: SimpleSnitch
                dynamic_snitch: false
                concurrent_compactors: 1
                auto_snapshot: false
                user_defined_functions_enabled: false
                materialized_views_enabled: false
                """.formatted(data.resolve("data"), data.resolve("commitlog"), data.resolve("saved_caches"),
                data.resolve("hints"), data.resolve("cdc_raw"), storagePort, storagePort, nativePort);
    }
}
