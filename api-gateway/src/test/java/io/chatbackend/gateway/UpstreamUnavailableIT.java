package io.chatbackend.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context that is down or hangs answers as an UPSTREAM_UNAVAILABLE problem (502/503, or 504 after the response
 * timeout, here 1 s), never as a stack trace, and the other contexts stay reachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
class UpstreamUnavailableIT {

    /** This test's own stand-ins: one it stops, one that hangs; the other contexts are the shared ones. */
    private static final StandInContext MESSAGE_DOMAIN = StandInContext.start("message-domain");
    private static final StandInContext SLOW_DIALOG_DOMAIN = StandInContext.startSlow("dialog-domain", Duration.ofSeconds(3));

    @DynamicPropertySource
    static void contexts(DynamicPropertyRegistry registry) {
        StandInContexts.shared().register(registry);
        registry.add("chat.services.message-domain", MESSAGE_DOMAIN::url);
        registry.add("chat.services.dialog-domain", SLOW_DIALOG_DOMAIN::url);
    }

    @AfterAll
    static void stop() {
        MESSAGE_DOMAIN.stop();
        SLOW_DIALOG_DOMAIN.stop();
    }

    @LocalServerPort
    int port;

    private final String token = TestTokenIssuer.shared().validToken(UUID.randomUUID().toString());

    @Test
    void aStoppedContextIsReportedAsUnavailable() {
        GatewayClient gateway = new GatewayClient(port);
        assertThat(gateway.getWithToken("/api/v1/messages/1", token).statusCode()).isEqualTo(200);

        MESSAGE_DOMAIN.stop();

        HttpResponse<String> response = gateway.getWithToken("/api/v1/messages/1", token);
        assertThat(response.statusCode()).isIn(502, 503);
        assertProblem(response, response.statusCode(), "UPSTREAM_UNAVAILABLE");
        assertThat(gateway.getWithToken("/api/v1/clients", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aHangingContextIsReportedAsAGatewayTimeout() {
        GatewayClient gateway = new GatewayClient(port);
        HttpResponse<String> response = gateway.getWithToken("/api/v1/dialogs", token);
        assertProblem(response, 504, "UPSTREAM_UNAVAILABLE");
        assertThat(gateway.getWithToken("/api/v1/clients", token).statusCode()).isEqualTo(200);
    }
}
