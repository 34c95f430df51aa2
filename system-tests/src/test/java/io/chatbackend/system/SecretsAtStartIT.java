package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chatbackend.platform.localrun.SystemSecrets;
import io.chatbackend.platform.testing.TestScratch;
import org.junit.jupiter.api.Test;

/**
 * Every service started from its real jar without its secrets, or with a value that was once published, refuses to
 * start and names the variable to set (and never echoes the value). The gateway keeps no secret.
 */
class SecretsAtStartIT {

    /** Each service and the variables it must name when started with nothing. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "uaa", List.of("CHAT_AUDIT_CHECKPOINT_KEY", "SPRING_DATASOURCE_PASSWORD", "CHAT_SECRET_MESSAGE_DOMAIN",
                    "CHAT_SECRET_DIALOG_DOMAIN", "CHAT_SECRET_NOTIFICATION", "CHAT_UAA_KEY_ENCRYPTION_KEY"),
            "message-domain", List.of("CHAT_AUDIT_CHECKPOINT_KEY", "SPRING_DATASOURCE_PASSWORD",
                    "CHAT_SERVICE_CLIENT_SECRET"),
            "dialog-domain", List.of("CHAT_AUDIT_CHECKPOINT_KEY", "SPRING_DATASOURCE_PASSWORD",
                    "CHAT_SERVICE_CLIENT_SECRET"),
            "user-client", List.of("CHAT_AUDIT_CHECKPOINT_KEY", "SPRING_DATASOURCE_PASSWORD"),
            "notification", List.of("CHAT_SERVICE_CLIENT_SECRET", "CHAT_NOTIFICATION_TICKET_SECRET"));

    @Test
    void aServiceWithoutItsSecretsRefusesToStartNamingThem() throws Exception {
        Map<String, Started> started = new LinkedHashMap<>();
        REQUIRED.keySet().forEach(service -> started.put(service, start(service, Map.of())));
        for (var entry : started.entrySet()) {
            String output = entry.getValue().awaitExit();
            assertThat(output).as(entry.getKey()).contains("refuses to start without its secrets");
            for (String variable : REQUIRED.get(entry.getKey())) {
                assertThat(output).as(entry.getKey()).contains(variable + " (");
            }
        }
    }

    @Test
    void aServiceWithAPublishedSecretRefusesToStart() throws Exception {
        Path secrets = TestScratch.directory("chat-secrets-");
        Map<String, String> environment = new LinkedHashMap<>(new SystemSecrets(secrets,
                new SystemSecrets.Database(service -> null, null, null, ""))
                .environmentOf("notification"));
        environment.put("CHAT_NOTIFICATION_TICKET_SECRET", "local-dev-notification-ticket-secret-change-me");
        String output = start("notification", environment).awaitExit();
        assertThat(output).contains("CHAT_NOTIFICATION_TICKET_SECRET").contains("published")
                .doesNotContain("local-dev-notification-ticket-secret-change-me")
                .doesNotContain("CHAT_SERVICE_CLIENT_SECRET (");
    }

    private static Started start(String service, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("chat.root", "..")).resolve(service + "/target/" + service + "-exec.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dchat.parent-pid=" + ProcessHandle.current().pid(), "-jar", jar.toString(), "--server.port=0",
                "--server.address=127.0.0.1"));
        try {
            Path log = TestScratch.file("secrets-" + service + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("SPRING_"));
            builder.environment().putAll(environment);
            return new Started(builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Started(Process process, Path log) {
        String awaitExit() throws Exception {
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("still running: " + output).isTrue();
            assertThat(process.exitValue()).as(output).isNotZero();
            return output;
        }
    }
}
