package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret generated on first use and kept in a file only its owner can read, so a restart on the same
 * data finds the same value and no value is ever written in the repository.
 */
public final class GeneratedSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecret() {
    }

    /**
     * The secret in {@code file}, created (mode 0600) with 32 random bytes, URL-safe, if it does not exist yet.
     * Callers in one JVM are serialized, and the file is created exclusively, so everyone who asks for the same
     * file gets the same value, even when several services start at once.
     */
    public static synchronized String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                // the folder too is the owner's alone: nobody else may even list which secrets exist
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            String value = random();
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, value);
            try {
                // a hard link fails if the file exists: another process created it first, and its value wins
                Files.createLink(file, temporary);
            } catch (java.nio.file.FileAlreadyExistsException createdMeanwhile) {
                return Files.readString(file).strip();
            } finally {
                Files.deleteIfExists(temporary);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret in " + file, e);
        }
    }

    /** 32 random bytes, URL-safe base64 (43 characters): enough for any key, HMAC keys included. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
