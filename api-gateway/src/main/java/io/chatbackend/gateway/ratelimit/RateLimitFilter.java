package io.chatbackend.gateway.ratelimit;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.edge.ClientAddress;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;

/**
 * Per-client rate limit: the key is the token's subject (the user) after authentication, else the client's IP
 * address (login, registration and other public paths). Over the limit: 429 with {@code Retry-After} in seconds.
 * The IP is the one {@link ClientAddress} decided: the connection's peer, or behind a proxy listed in {@code
 * chat.gateway.trusted-proxies} the client it forwards for (never X-Forwarded-For from the internet).
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final ClientBuckets buckets;
    private final ProblemResponseWriter problems;

    public RateLimitFilter(ClientBuckets buckets, ProblemResponseWriter problems) {
        this.buckets = buckets;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "user:" + ((JwtAuthenticationToken) principal).getToken().getSubject())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + ClientAddress.of(exchange)))
                .flatMap(clientKey -> {
                    ConsumptionProbe probe = buckets.tryConsume(clientKey);
                    if (probe.isConsumed()) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders()
                            .set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(probe.getNanosToWaitForRefill())));
                    return problems.write(exchange, GatewayProblem.RATE_LIMITED);
                });
    }

    /** Whole seconds, rounded up and at least 1: retrying after the advertised delay must succeed. */
    public static long retryAfterSeconds(long nanosToWait) {
        long nanosPerSecond = TimeUnit.SECONDS.toNanos(1);
        return Math.max(1, (nanosToWait + nanosPerSecond - 1) / nanosPerSecond);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.RATE_LIMIT;
    }
}
