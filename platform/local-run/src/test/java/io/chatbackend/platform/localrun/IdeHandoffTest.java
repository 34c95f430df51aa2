package io.chatbackend.platform.localrun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run-local --without <context>}: what the left-out context needs, written for an IDE and printed. */
class IdeHandoffTest {

    @Test
    void writesTheArgumentsAndAPrivateEnvironmentFileAndPrintsNoSecret(@TempDir Path data) throws IOException {
        ServiceSpec service = ServiceSpec.parse("message-domain=message-domain/target/message-domain-exec.jar", false);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_DATASOURCE_PASSWORD", "s3cret-db-password");
        environment.put("CHAT_AUDIT_CHECKPOINT_KEY", "s3cret-checkpoint-key");
        List<String> arguments = List.of("--server.port=41234", "--chat.services.uaa=http://127.0.0.1:41000");

        List<String> printed = IdeHandoff.write(data, service, arguments, environment);

        assertThat(Files.readString(data.resolve("ide/message-domain.args")).trim())
                .isEqualTo("--server.port=41234 --chat.services.uaa=http://127.0.0.1:41000");
        Path env = data.resolve("ide/message-domain.env");
        assertThat(Files.readAllLines(env)).containsExactly("SPRING_DATASOURCE_PASSWORD=s3cret-db-password",
                "CHAT_AUDIT_CHECKPOINT_KEY=s3cret-checkpoint-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(String.join("\n", printed)).contains("message-domain is not started (--without)",
                        "--server.port=41234", "SPRING_DATASOURCE_PASSWORD, CHAT_AUDIT_CHECKPOINT_KEY",
                        "http://127.0.0.1:41234")
                .doesNotContain("s3cret");
    }

    @Test
    void theArgumentsAreThoseTheStartedServicesGet() {
        ServiceSpec uaa = ServiceSpec.parse("uaa=uaa.jar", false);
        ServiceSpec gateway = ServiceSpec.parse("api-gateway=gw.jar", true);
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        ports.put(gateway, 8080);
        ports.put(uaa, 41000);
        List<String> arguments = ServiceArguments.of(uaa, ports, new io.chatbackend.platform.infra.Endpoints(
                "jdbc:postgresql://127.0.0.1:5432/chat", "postgres", "pw", "127.0.0.1:9092", "127.0.0.1", 9042,
                "datacenter1", 1L), 8080);
        assertThat(arguments).contains("--server.port=41000", "--chat.public-url=http://127.0.0.1:8080",
                "--chat.services.api-gateway=http://127.0.0.1:8080", "--chat.services.uaa=http://127.0.0.1:41000",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/chat");
    }
}
