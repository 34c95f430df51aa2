package io.chatbackend.gateway.security;

import io.chatbackend.gateway.edge.ClientAddress;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 {@code UNAUTHENTICATED} as problem details, with the RFC 6750 challenge. The reason a token was refused
 * (expired, wrong audience, bad signature) is not told to the client: it only helps an attacker.
 */
@Component
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponseWriter problems;
    private final BadTokenLimiter badTokens;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter problems, BadTokenLimiter badTokens) {
        this.problems = problems;
        this.badTokens = badTokens;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refusal) {
        String challenge = refusal instanceof OAuth2AuthenticationException oauth2
                ? "Bearer error=\"" + oauth2.getError().getErrorCode() + "\""
                : "Bearer";
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && exchange.getAttribute(BadTokenLimiter.COUNTED) == null) {
            badTokens.refused(ClientAddress.of(exchange));
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange, GatewayProblem.UNAUTHENTICATED);
    }
}
