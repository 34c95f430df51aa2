package io.chatbackend.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * A gateway with its default settings in front of the shared stand-in contexts. Test classes that extend this
 * and add no configuration of their own share one running gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayIntegrationTest {

    static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    static final StandInContexts CONTEXTS = StandInContexts.shared();

    @DynamicPropertySource
    static void standInContexts(DynamicPropertyRegistry registry) {
        CONTEXTS.register(registry);
    }

    @LocalServerPort
    int port;

    GatewayClient gateway() {
        return new GatewayClient(port);
    }

    static String newUserId() {
        return UUID.randomUUID().toString();
    }

    static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }
}
