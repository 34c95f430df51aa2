package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Bodies up to chat.gateway.max-body-bytes (default 65536) are forwarded whole; larger ones get 413. */
class BodySizeLimitIT extends GatewayIntegrationTest {

    private static final int LIMIT = 65536;
    private static final String SEND = "/api/v1/dialogs/d1/messages";

    private final String token = TOKENS.validToken(newUserId());

    @Test
    void aBodyAtTheLimitIsForwarded() {
        String requestId = newRequestId();
        HttpResponse<String> response = post(requestId, HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT]));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CONTEXTS.get("message-domain").seen(requestId).bodyBytes()).isEqualTo(LIMIT);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUpFront() {
        String requestId = newRequestId();
        HttpResponse<String> response = post(requestId, HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(CONTEXTS.get("message-domain").seen(requestId)).as("never forwarded").isNull();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwarded() {
        String requestId = newRequestId();
        HttpResponse<String> response = post(requestId, chunked(1000));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CONTEXTS.get("message-domain").seen(requestId).bodyBytes()).isEqualTo(1000);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() {
        String requestId = newRequestId();
        HttpResponse<String> response = post(requestId, chunked(4 * LIMIT));
        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(CONTEXTS.get("message-domain").seen(requestId)).as("never forwarded whole").isNull();
    }

    private HttpResponse<String> post(String requestId, HttpRequest.BodyPublisher body) {
        return gateway().send(gateway().request(SEND)
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/json")
                .POST(body));
    }

    /** A body of unknown length, which HTTP/1.1 sends chunked. */
    private static HttpRequest.BodyPublisher chunked(int bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[bytes]));
    }
}
