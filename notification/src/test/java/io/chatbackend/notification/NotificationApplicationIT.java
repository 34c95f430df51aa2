package io.chatbackend.notification;

import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The notification service starts on the real embedded servers and reports ready only with its dependencies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationApplicationIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "notification");
    }

    @LocalServerPort
    int port;

    @Test
    void itsApiRequiresAnAccessToken() throws Exception {
        ServiceChecks.assertApiRequiresToken(port);
    }

    /** Ready once Kafka answers and the membership view is rebuilt from the dialog topic (asynchronously). */
    @Test
    void readinessIsUpAndCoversItsRealDependencies() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> ServiceChecks.assertReadyWith(port, "kafka", "membership"));
    }
}
