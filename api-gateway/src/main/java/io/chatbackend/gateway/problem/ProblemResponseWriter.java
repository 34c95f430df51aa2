package io.chatbackend.gateway.problem;

import io.chatbackend.gateway.requestid.RequestId;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a gateway error as {@code application/problem+json}; the one place every gateway error goes through. */
@Component
public class ProblemResponseWriter {

    private final JsonMapper json;

    public ProblemResponseWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
        return write(exchange, problem, problem.status());
    }

    /** With another status than the problem's usual one (upstream failures are 502, 503 or 504). */
    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, HttpStatusCode status) {
        byte[] body = json.writeValueAsBytes(ProblemBody.of(problem, status.value(), RequestId.of(exchange)));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
