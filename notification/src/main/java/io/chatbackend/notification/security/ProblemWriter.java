package io.chatbackend.notification.security;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes {@code application/problem+json} with exactly {@code type, title, status, detail, code, requestId}; the one
 * place every error of this service goes through. The request id is the gateway's {@code X-Request-Id} when it has
 * a safe shape, else a new one, and is echoed in the response header.
 */
public final class ProblemWriter {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        String incoming = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        String requestId = incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming
                : UUID.randomUUID().toString();
        byte[] body = json.writeValueAsBytes(new Body(problem.type(), problem.title(), problem.status().value(),
                problem.detail(), problem.code(), requestId));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        response.getHeaders().set(REQUEST_ID, requestId);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** RFC 7807 members of docs/architecture.md §5, in order; a record so nothing else can leak into the body. */
    record Body(String type, String title, int status, String detail, String code, String requestId) {
    }
}
