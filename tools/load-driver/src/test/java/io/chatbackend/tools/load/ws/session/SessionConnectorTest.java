package io.chatbackend.tools.load.ws.session;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class SessionConnectorTest {

    @Test
    void aRateLimitedUpgradeIsRetriedAfterItsRetryAfter() {
        Exception refused = new ExecutionException(new WebSocketHandshakeException(answer(429, Map.of("Retry-After",
                List.of("2")), "{\"code\":\"RATE_LIMITED\"}")));
        assertThat(SessionConnector.rateLimitedFor(refused)).isEqualTo(2);
        assertThat(SessionConnector.why(refused)).isEqualTo("upgrade refused with 429: {\"code\":\"RATE_LIMITED\"}");
        assertThat(SessionConnector.rateLimitedFor(new ExecutionException(new WebSocketHandshakeException(
                answer(429, Map.of(), ""))))).isZero();
    }

    @Test
    void otherFailuresAreFailures() {
        assertThat(SessionConnector.rateLimitedFor(new ExecutionException(new WebSocketHandshakeException(
                answer(401, Map.of(), "no"))))).isEqualTo(-1);
        assertThat(SessionConnector.rateLimitedFor(new java.io.IOException("reset"))).isEqualTo(-1);
        assertThat(SessionConnector.why(new java.io.IOException("reset"))).contains("reset");
    }

    private static HttpResponse<Object> answer(int status, Map<String, List<String>> headers, String body) {
        return new HttpResponse<>() {
            public int statusCode() {
                return status;
            }

            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://127.0.0.1/ws")).build();
            }

            public Optional<HttpResponse<Object>> previousResponse() {
                return Optional.empty();
            }

            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (name, value) -> true);
            }

            public Object body() {
                return body.getBytes(StandardCharsets.UTF_8);
            }

            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            public URI uri() {
                return request().uri();
            }

            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
