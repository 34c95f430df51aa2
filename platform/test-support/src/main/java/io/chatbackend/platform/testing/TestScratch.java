package io.chatbackend.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests put what outlives a test: process logs, generated secrets, servers' data. Under the module's
 * {@code target/test-scratch} (the build's working directory), so a failed run leaves them where its reports are and
 * {@code mvn clean} or a fresh clone removes them; never in the machine's shared temporary directory, where every run
 * used to leave its logs and generated secrets behind.
 */
public final class TestScratch {

    private TestScratch() {
    }

    /** A new directory (readable by this user only, as every new temporary directory on POSIX). */
    public static Path directory(String prefix) {
        try {
            return Files.createTempDirectory(root(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty file. */
    public static Path file(String prefix, String suffix) {
        try {
            return Files.createTempFile(root(), prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() throws IOException {
        return Files.createDirectories(Path.of("target", "test-scratch").toAbsolutePath());
    }
}
