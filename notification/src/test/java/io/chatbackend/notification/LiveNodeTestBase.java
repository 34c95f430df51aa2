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
 * (one start for all of them), the identity provider and dialog-domain's stand-in, which live until the test JVM
 * ends. Small queues and a short hole wait, so overflow and repair show quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.notification.session-queue-size=32", "chat.notification.hole-wait=500ms"})
abstract class LiveNodeTestBase {

    static final StubIdentityProvider IDENTITY = new StubIdentityProvider();
    static final DialogDomainStandIn DIALOGS = new DialogDomainStandIn();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DIALOGS.close();
            IDENTITY.close();
        }, "live-node-stand-ins-stop"));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "notification");
        IDENTITY.register(registry);
        registry.add("chat.services.dialog-domain", DIALOGS::baseUrl);
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
