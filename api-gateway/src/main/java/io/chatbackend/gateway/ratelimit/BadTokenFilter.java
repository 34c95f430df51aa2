package io.chatbackend.gateway.ratelimit;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.edge.ClientAddress;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Before authentication: a request with a token from an address that has presented too many refused tokens is
 * answered 429 {@code RATE_LIMITED} without decoding the token (see {@link BadTokenLimiter}).
 */
@Component
public class BadTokenFilter implements WebFilter, Ordered {

    private final BadTokenLimiter limiter;
    private final ProblemResponseWriter problems;

    public BadTokenFilter(BadTokenLimiter limiter, ProblemResponseWriter problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return chain.filter(exchange);
        }
        long wait = limiter.nanosUntilAllowed(ClientAddress.of(exchange));
        if (wait == 0) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                Long.toString(RateLimitFilter.retryAfterSeconds(wait)));
        return problems.write(exchange, GatewayProblem.RATE_LIMITED);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.BAD_TOKENS;
    }
}
