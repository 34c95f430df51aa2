package io.chatbackend.gateway.security;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.edge.ClientAddress;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import io.chatbackend.gateway.ratelimit.RateLimitFilter;
import com.nimbusds.jose.JWSObject;
import java.text.ParseException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Before authentication: a request with a token from an address that has presented too many refused tokens is
 * answered 429 {@code RATE_LIMITED} without decoding the token (see {@link BadTokenLimiter}). A token that cannot be
 * valid before it is even verified (unreadable, or naming a key id UAA has not published) counts against its address
 * at once, so a concurrent flood of them is cut off after the burst instead of all waiting for a key-set fetch.
 */
@Component
public class BadTokenFilter implements WebFilter, Ordered {

    private final BadTokenLimiter limiter;
    private final KeySetCache keys;
    private final ProblemResponseWriter problems;

    public BadTokenFilter(BadTokenLimiter limiter, KeySetCache keys, ProblemResponseWriter problems) {
        this.limiter = limiter;
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return chain.filter(exchange);
        }
        String address = ClientAddress.of(exchange);
        long wait = limiter.nanosUntilAllowed(address);
        if (wait == 0) {
            if (!plausible(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
                limiter.refused(address);
                exchange.getAttributes().put(BadTokenLimiter.COUNTED, Boolean.TRUE);
            }
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                Long.toString(RateLimitFilter.retryAfterSeconds(wait)));
        return problems.write(exchange, GatewayProblem.RATE_LIMITED);
    }

    /** A bearer token whose header parses and names a key id the gateway knows (its signature is checked later). */
    private boolean plausible(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return true; // not a bearer token: the security chain answers it as it is
        }
        try {
            return keys.mayKnow(JWSObject.parse(authorization.substring(7).strip()).getHeader().getKeyID());
        } catch (ParseException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.BAD_TOKENS;
    }
}
