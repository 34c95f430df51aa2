package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is healthy and routes public paths to the owning context (here stand-in HTTP servers); internal
 * and management paths are not reachable through it, with or without a token.
 */
class ApiGatewayRoutingIT extends GatewayIntegrationTest {

    private final String token = TOKENS.validToken(newUserId());

    @Test
    void isReadyWithoutAToken() {
        HttpResponse<String> response = gateway().get("/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void routesEachSecuredPathToItsContext() {
        GatewayClient gateway = gateway();
        assertThat(gateway.getWithToken("/api/v1/dialogs", token).body()).isEqualTo("dialog-domain GET /api/v1/dialogs");
        assertThat(gateway.getWithToken("/api/v1/dialogs/d1/messages", token).body())
                .isEqualTo("dialog-domain GET /api/v1/dialogs/d1/messages");
        assertThat(gateway.getWithToken("/api/v1/messages/42", token).body())
                .isEqualTo("message-domain GET /api/v1/messages/42");
        assertThat(gateway.getWithToken("/api/v1/clients", token).body()).isEqualTo("user-client GET /api/v1/clients");
        assertThat(gateway.getWithToken("/api/v1/presence", token).body()).isEqualTo("user-client GET /api/v1/presence");
        assertThat(gateway.getWithToken("/api/v1/ws/ticket", token).body())
                .isEqualTo("notification GET /api/v1/ws/ticket");
        assertThat(gateway.getWithToken("/api/v1/admin/provision", token).body())
                .isEqualTo("uaa GET /api/v1/admin/provision");
        HttpResponse<String> send = gateway.send(gateway.request("/api/v1/dialogs/d1/messages")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(send.body()).isEqualTo("message-domain POST /api/v1/dialogs/d1/messages");
    }

    @Test
    void routesPublicPathsWithoutAToken() {
        GatewayClient gateway = gateway();
        assertThat(gateway.get("/api/v1/auth/probe").body()).isEqualTo("uaa GET /api/v1/auth/probe");
        assertThat(gateway.get("/.well-known/openid-configuration").body())
                .isEqualTo("uaa GET /.well-known/openid-configuration");
        assertThat(gateway.get("/oauth2/authorize").body()).isEqualTo("uaa GET /oauth2/authorize");
        assertThat(gateway.get("/login").body()).isEqualTo("uaa GET /login");
        assertThat(gateway.get("/ws").body()).isEqualTo("notification GET /ws");
    }

    @Test
    void provisioningNeedsAToken() {
        assertProblem(gateway().send(gateway().request("/api/v1/admin/provision")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401, "UNAUTHENTICATED");
    }

    @Test
    void unroutedPathsAnswerNotFoundProblems() {
        assertProblem(gateway().getWithToken("/api/v2/dialogs", token), 404, "NOT_FOUND");
        assertProblem(gateway().getWithToken("/nothing/here", token), 404, "NOT_FOUND");
    }

    @Test
    void internalPathsAreNotRoutedWithOrWithoutAToken() {
        assertProblem(gateway().get("/internal/tcc/try"), 404, "NOT_FOUND");
        assertProblem(gateway().getWithToken("/internal/tcc/try", token), 404, "NOT_FOUND");
        assertProblem(gateway().send(gateway().request("/internal/tcc/try")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 404, "NOT_FOUND");
    }

    @Test
    void managementEndpointsOtherThanHealthAreNotExposed() {
        for (String path : new String[] {"/actuator", "/actuator/info", "/actuator/env", "/actuator/gateway/routes"}) {
            assertProblem(gateway().get(path), 404, "NOT_FOUND");
            assertProblem(gateway().getWithToken(path, token), 404, "NOT_FOUND");
        }
        assertThat(gateway().get("/actuator/health").statusCode()).isEqualTo(200);
    }
}
