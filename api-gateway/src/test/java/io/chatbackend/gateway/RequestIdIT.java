package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every request gets a safe request id, the contexts see it, and every response, errors included, returns it. */
class RequestIdIT extends GatewayIntegrationTest {

    private final String token = TOKENS.validToken(newUserId());

    @Test
    void aWellFormedIncomingIdIsKeptPassedOnAndReturned() {
        String requestId = newRequestId();
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/messages/1")
                .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
        assertThat(CONTEXTS.get("message-domain").seen(requestId)).isNotNull();
    }

    @Test
    void aMissingIdIsGeneratedPassedOnAndReturned() {
        HttpResponse<String> response = gateway().getWithToken("/api/v1/messages/2", token);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(CONTEXTS.get("message-domain").seen(requestId).path()).isEqualTo("/api/v1/messages/2");
    }

    @Test
    void anIdOfTheWrongShapeIsReplaced() {
        for (String unsafe : new String[] {"a".repeat(65), "id with spaces", "id\u00e9", "id;drop", "<script>"}) {
            HttpResponse<String> response = gateway().send(gateway().request("/api/v1/messages/3")
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", unsafe));
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(requestId).isNotEqualTo(unsafe);
            assertThat(UUID.fromString(requestId)).isNotNull();
            assertThat(CONTEXTS.get("message-domain").seen(requestId)).as("context saw the replacement").isNotNull();
        }
    }

    @Test
    void errorsCarryTheRequestIdInHeaderAndBody() {
        String requestId = newRequestId();
        HttpResponse<String> unauthenticated = gateway().send(gateway().request("/api/v1/dialogs")
                .header("X-Request-Id", requestId));
        assertThat(assertProblem(unauthenticated, 401, "UNAUTHENTICATED").get("requestId").asString())
                .isEqualTo(requestId);
        HttpResponse<String> notFound = gateway().send(gateway().request("/internal/tcc/try")
                .header("X-Request-Id", requestId));
        assertThat(assertProblem(notFound, 404, "NOT_FOUND").get("requestId").asString()).isEqualTo(requestId);
    }
}
