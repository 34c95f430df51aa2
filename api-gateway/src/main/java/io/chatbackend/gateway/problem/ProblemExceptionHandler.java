package io.chatbackend.gateway.problem;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import java.net.ConnectException;

/**
 * Turns every exception that reaches the gateway's edge into problem details. Ordered before Spring Boot's own
 * error handler (order -1), whose JSON has other members and, when misconfigured, a stack trace.
 */
@Component
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponseWriter problems;

    public ProblemExceptionHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error); // the status line is out: nothing more can be said
        }
        Classified classified = classify(error);
        if (classified.problem() == GatewayProblem.INTERNAL_ERROR) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        } else if (classified.problem() == GatewayProblem.UPSTREAM_UNAVAILABLE) {
            log.warn("{} {}: upstream unavailable: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
        }
        return problems.write(exchange, classified.problem(), classified.status());
    }

    static Classified classify(Throwable error) {
        if (error instanceof ResponseStatusException statusError) {
            return byStatus(statusError.getStatusCode());
        }
        if (error instanceof AuthenticationServiceException) {
            // the token could not be checked at all (the key set is unreachable): not the client's fault
            return new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (error instanceof AuthenticationException) {
            return new Classified(GatewayProblem.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED);
        }
        if (error instanceof AccessDeniedException) {
            return new Classified(GatewayProblem.FORBIDDEN, HttpStatus.FORBIDDEN);
        }
        if (error instanceof ConnectException || error instanceof ConnectTimeoutException) {
            // the context is down or unreachable
            return new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (error instanceof PrematureCloseException) {
            // the context hung up before it answered
            return new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.BAD_GATEWAY);
        }
        return new Classified(GatewayProblem.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static Classified byStatus(HttpStatusCode status) {
        GatewayProblem problem = switch (status.value()) {
            case 401 -> GatewayProblem.UNAUTHENTICATED;
            case 403 -> GatewayProblem.FORBIDDEN;
            case 404 -> GatewayProblem.NOT_FOUND;
            case 405 -> GatewayProblem.METHOD_NOT_ALLOWED;
            case 413 -> GatewayProblem.PAYLOAD_TOO_LARGE;
            case 429 -> GatewayProblem.RATE_LIMITED;
            case 502, 503, 504 -> GatewayProblem.UPSTREAM_UNAVAILABLE; // the gateway's own timeout is a 504
            default -> status.is4xxClientError() ? GatewayProblem.MALFORMED_REQUEST : GatewayProblem.INTERNAL_ERROR;
        };
        HttpStatusCode answered = problem == GatewayProblem.INTERNAL_ERROR ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        return new Classified(problem, answered);
    }

    record Classified(GatewayProblem problem, HttpStatusCode status) {
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
