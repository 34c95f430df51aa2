package io.chatbackend.system;

import io.chatbackend.platform.localrun.SystemSecrets;
import io.chatbackend.platform.testing.SharedInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** What every test stack of processes shares with the local run's wiring. */
final class Stacks {

    private Stacks() {
    }

    /** Fresh secrets for one stack, generated into a directory of its own, exactly as the local run keeps them. */
    static SystemSecrets secrets() {
        try {
            return new SystemSecrets(Files.createTempDirectory("chat-secrets-"),
                    SharedInfrastructure.endpoints().postgresPassword());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
