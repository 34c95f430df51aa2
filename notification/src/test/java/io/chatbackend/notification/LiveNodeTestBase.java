package io.chatbackend.notification;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.StubIdentityProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One notification node on the real Kafka for the test classes that extend this: they share its Spring context
 * (one start for all of them), the identity provider and the stand-ins of dialog-domain and user-client, which live
 * until the test JVM ends. Small queues, a short hole wait, heartbeats every second and quick push retries, so
 * overflow, repair, the registry and pushes show quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.notification.session-queue-size=32", "chat.notification.hole-wait=500ms",
                "chat.notification.push-backoff=100ms", "chat.notification.heartbeat-interval=1s",
                // push receivers listen on 127.0.0.1 (over http), which the SSRF check refuses otherwise
                "chat.notification.push-allow-private-networks=true"})
abstract class LiveNodeTestBase {

    static final StubIdentityProvider IDENTITY = new StubIdentityProvider();
    static final DialogDomainStandIn DIALOGS = new DialogDomainStandIn();
    static final UserClientStandIn USERS = new UserClientStandIn();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DIALOGS.close();
            USERS.close();
            IDENTITY.close();
        }, "live-node-stand-ins-stop"));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "notification");
        IDENTITY.register(registry);
        registry.add("chat.services.dialog-domain", DIALOGS::baseUrl);
        registry.add("chat.services.user-client", USERS::baseUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    MeterRegistry meters;
}
