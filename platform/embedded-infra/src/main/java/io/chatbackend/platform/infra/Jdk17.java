package io.chatbackend.platform.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds a JDK 17 for Cassandra 5.0, which does not run on later JDKs (no SecurityManager). */
final class Jdk17 {

    private Jdk17() {
    }

    static Path locate() {
        String explicit = System.getenv("CASSANDRA_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new InfraException("CASSANDRA_JAVA_HOME=" + explicit + " has no bin/java");
            }
            return home;
        }
        if (Runtime.version().feature() == 17) {
            return Path.of(System.getProperty("java.home"));
        }
        Optional<Path> found = scan(Path.of("/usr/lib/jvm"));
        return found.orElseThrow(() -> new InfraException(
                "Cassandra 5.0 needs a JDK 17, but this JVM is " + Runtime.version() + " and none was found under "
                        + "/usr/lib/jvm. Install a JDK 17 and point CASSANDRA_JAVA_HOME at it."));
    }

    private static Optional<Path> scan(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(dir -> dir.getFileName().toString().contains("17"))
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                    .sorted(Comparator.comparing(Path::toString))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
