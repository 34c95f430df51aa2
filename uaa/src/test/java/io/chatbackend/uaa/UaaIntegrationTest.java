package io.chatbackend.uaa;

import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One UAA on the real infrastructure, shared by every integration test of this module (one start instead of one
 * per class). Tests that need a throttle of their own use their own accounts: budgets are per account and address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.public-url=http://issuer.test",
        "chat.uaa.provisioning.enabled=true",
        "chat.uaa.admin.username=root-admin",
        "chat.uaa.admin.password=root-admin-password-1",
        "chat.uaa.throttle.failures-per-account=3",
        "chat.uaa.throttle.attempts-per-source-per-minute=1000",
        "chat.uaa.throttle.registrations-per-source-per-minute=1000"})
public abstract class UaaIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "uaa");
    }
}
