package io.chatbackend.platform.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Command-line entry of the embedded infrastructure: starts the servers, writes their endpoints to a file,
 * and stops them on SIGINT/SIGTERM or when the watched parent process dies.
 *
 * <pre>
 * InfraLauncher --data-dir DIR --endpoints FILE [--log-dir DIR] [--mode test|durable] [--watch-pid PID]
 * [--delete-on-exit]
 * </pre>
 */
public final class InfraLauncher {

    private InfraLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = null;
        Path endpointsFile = null;
        Path logDir = null;
        Mode mode = Mode.DURABLE;
        long watchPid = -1;
        boolean deleteOnExit = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--log-dir" -> logDir = Path.of(args[++i]).toAbsolutePath();
                case "--endpoints" -> endpointsFile = Path.of(args[++i]).toAbsolutePath();
                case "--mode" -> mode = Mode.valueOf(args[++i].toUpperCase());
                case "--watch-pid" -> watchPid = Long.parseLong(args[++i]);
                case "--delete-on-exit" -> deleteOnExit = true;
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (dataDir == null || endpointsFile == null) {
            System.err.println("usage: InfraLauncher --data-dir DIR --endpoints FILE [--mode test|durable] "
                    + "[--watch-pid PID] [--delete-on-exit]");
            System.exit(2);
        }
        if (watchPid > 0) {
            ParentWatch.exitWhenDead(watchPid);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedInfrastructure infrastructure;
        try {
            infrastructure = EmbeddedInfrastructure.start(dataDir,
                    logDir != null ? logDir : dataDir.resolve("logs"), mode, line -> System.out.println("[infra] " + line));
        } catch (InfraException e) {
            System.err.println("[infra] FAILED: " + e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                System.err.println("[infra] FAILED: " + suppressed.getMessage());
            }
            System.exit(1);
            return;
        }
        Path finalDataDir = dataDir;
        boolean delete = deleteOnExit;
        Path finalEndpoints = endpointsFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[infra] stopping");
            try {
                Files.deleteIfExists(finalEndpoints); // first, so nobody attaches to servers that are stopping
            } catch (IOException ignored) {
                // the file names a dead launcher, which readers detect by its pid
            }
            infrastructure.close();
            if (delete) {
                deleteRecursively(finalDataDir);
            }
            System.out.println("[infra] stopped");
            stopped.countDown();
        }, "infra-shutdown"));
        infrastructure.endpoints().writeTo(endpointsFile);
        System.out.println("[infra] endpoints written to " + endpointsFile);
        stopped.await();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[infra] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
