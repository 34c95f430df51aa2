package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A browser client on an allowed origin (default http://localhost:5173) may call the API; others may not. */
class CorsIT extends GatewayIntegrationTest {

    private static final String ALLOWED = "http://localhost:5173";

    @Test
    void aPreflightFromAnAllowedOriginIsAllowedWithoutAToken() {
        HttpResponse<String> response = preflight(ALLOWED, "POST", "authorization,content-type,idempotency-key");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase())
                        .contains("authorization", "content-type", "idempotency-key"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        HttpResponse<String> response = preflight("http://evil.test", "POST", "authorization");
        assertProblem(response, 403, "FORBIDDEN");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aPreflightAskingForAnUnlistedHeaderIsRefused() {
        HttpResponse<String> response = preflight(ALLOWED, "POST", "x-user-id");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anActualRequestFromAnAllowedOriginExposesTheRequestId() {
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/dialogs")
                .header("Origin", ALLOWED)
                .header("Authorization", "Bearer " + TOKENS.validToken(newUserId())));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Request-Id", "Retry-After"));
    }

    @Test
    void errorsAreReadableByAnAllowedOrigin() {
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/dialogs").header("Origin", ALLOWED));
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void anActualRequestFromAnotherOriginIsRefused() {
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/dialogs")
                .header("Origin", "http://evil.test")
                .header("Authorization", "Bearer " + TOKENS.validToken(newUserId())));
        assertProblem(response, 403, "FORBIDDEN");
        assertThat(response.body()).doesNotContain("dialog-domain");
    }

    /**
     * The web client's own requests name the public origin (chat.public-url, here the default), which behind a TLS
     * proxy is not the address the gateway itself is reached at: they are the gateway's own, never refused.
     */
    @Test
    void theWebClientsOwnOriginIsNeverRefused() {
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/dialogs")
                .header("Origin", "http://127.0.0.1:8080")
                .header("Authorization", "Bearer " + TOKENS.validToken(newUserId())));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) {
        return gateway().send(gateway().request("/api/v1/dialogs/d1/messages")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}
