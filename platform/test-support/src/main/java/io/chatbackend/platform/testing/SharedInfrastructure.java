package io.chatbackend.platform.testing;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.infra.InfraLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The embedded PostgreSQL, Kafka and Cassandra shared by every test JVM of one build.
 *
 * <p>The first test JVM that asks starts a launcher in the background, watching the Maven process (this JVM's
 * parent), so the servers stop when the build ends, even after {@code kill -9} of Maven. Later test JVMs of
 * the same build find the endpoints file and reuse the servers. A cross-process file lock keeps two JVMs
 * from starting two stacks.
 */
public final class SharedInfrastructure {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static volatile Endpoints endpoints;

    private SharedInfrastructure() {
    }

    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (SharedInfrastructure.class) {
                current = endpoints;
                if (current == null) {
                    current = attachOrStart();
                    endpoints = current;
                }
            }
        }
        return current;
    }

    private static Endpoints attachOrStart() {
        Path dir = Path.of(System.getProperty("chat.infra.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "chat-test-infra").toString())).toAbsolutePath();
        Path endpointsFile = dir.resolve("endpoints.properties");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                if (Files.exists(endpointsFile)) {
                    Endpoints existing = Endpoints.readFrom(endpointsFile);
                    if (existing.launcherAlive()) {
                        return existing;
                    }
                    Files.delete(endpointsFile);
                }
                return startLauncher(dir, endpointsFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Endpoints startLauncher(Path dir, Path endpointsFile) throws IOException {
        long buildPid = buildProcess().pid();
        Path dataDir = dir.resolve("data-" + ProcessHandle.current().pid());
        Path logDir = dir.resolve("logs-" + ProcessHandle.current().pid());
        Files.createDirectories(logDir);
        Path log = logDir.resolve("launcher.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                InfraLauncher.class.getName(),
                "--data-dir", dataDir.toString(), "--log-dir", logDir.toString(), "--endpoints", endpointsFile.toString(),
                "--mode", "test", "--watch-pid", Long.toString(buildPid), "--delete-on-exit");
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(endpointsFile)) {
                return Endpoints.readFrom(endpointsFile);
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the embedded infrastructure failed to start:"
                        + System.lineSeparator() + Files.readString(log));
            }
            sleep();
        }
        launcher.destroy();
        throw new IllegalStateException("the embedded infrastructure did not start within " + START_TIMEOUT
                + "; see " + log);
    }

    /**
     * The build tool's JVM: the nearest ancestor JVM. Surefire and failsafe start test JVMs through a shell, so the
     * direct parent ends with this test JVM, while the build's JVM lives until the build is over.
     */
    static ProcessHandle buildProcess() {
        ProcessHandle ancestor = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        while (true) {
            boolean isJvm = ancestor.info().command().map(command -> command.endsWith("/java")).orElse(false);
            if (isJvm) {
                return ancestor;
            }
            var next = ancestor.parent();
            if (next.isEmpty() || next.get().pid() <= 1) {
                return ProcessHandle.current().parent().orElse(ProcessHandle.current());
            }
            ancestor = next.get();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
