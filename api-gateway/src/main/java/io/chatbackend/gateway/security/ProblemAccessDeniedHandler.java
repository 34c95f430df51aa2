package io.chatbackend.gateway.security;

import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 {@code FORBIDDEN} as problem details, for an authenticated caller who may not do this. */
@Component
class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemResponseWriter problems;

    ProblemAccessDeniedHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, GatewayProblem.FORBIDDEN);
    }
}
