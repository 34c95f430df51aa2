package io.chatbackend.dialog;

import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.StubIdentityProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One dialog-domain application on the real infrastructure, shared by the integration tests of this module. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.dialog.lane-sweep-interval=PT0.2S", "chat.dialog.max-group-size=5",
                "chat.axon.snapshot-threshold=5"})
public abstract class DialogDomainIntegrationTest {

    public static final StubIdentityProvider IDENTITY = new StubIdentityProvider();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "dialog");
        IDENTITY.register(registry);
    }
}
