package io.chatbackend.notification.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every exception that reaches the edge becomes problem details; ordered before Spring Boot's own error handler
 * (whose JSON has other members).
 */
public final class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter problems;

    public ProblemExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = classify(error);
        if (problem == Problem.INTERNAL_ERROR) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        return problems.write(exchange, problem);
    }

    static Problem classify(Throwable error) {
        if (error instanceof ApiProblemException api) {
            return api.problem();
        }
        if (error instanceof ResponseStatusException status) {
            return Problem.forStatus(status.getStatusCode().value());
        }
        if (error instanceof AuthenticationServiceException) {
            return Problem.UNAVAILABLE; // the key set could not be fetched: not the client's fault
        }
        if (error instanceof AuthenticationException) {
            return Problem.UNAUTHENTICATED;
        }
        if (error instanceof AccessDeniedException) {
            return Problem.FORBIDDEN;
        }
        return Problem.INTERNAL_ERROR;
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
