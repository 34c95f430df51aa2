package io.chatbackend.system;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.localrun.SystemSecrets;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import io.chatbackend.platform.testing.TestScratch;

import java.util.Map;

/** What every test stack of processes shares with the local run's wiring. */
final class Stacks {

    private Stacks() {
    }

    /**
     * Fresh secrets for one stack, generated into a directory of its own exactly as the local run keeps them, and a
     * database user per context owning its schema in that context's database ({@code databases}: service → JDBC
     * URL); the roles are this stack's own, so stacks sharing the build's PostgreSQL never share a password.
     */
    static SystemSecrets secrets(Map<String, String> databases) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        String suffix = "_" + IsolatedData.uniqueName("s").replaceAll("[^a-z0-9_]", "");
        return new SystemSecrets(TestScratch.directory("chat-secrets-"), new SystemSecrets.Database(
                service -> databases.get(service.replaceFirst("-\\d+$", "")), endpoints.postgresUsername(),
                endpoints.postgresPassword(), suffix));
    }
}
