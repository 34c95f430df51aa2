package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import io.chatbackend.gateway.requestid.RequestId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * CORS for browser clients on another origin. Runs before authentication, so a preflight (which never carries a
 * token) is answered here, and every later answer, errors included, carries the CORS headers an allowed origin
 * needs to read it. A refused origin gets a 403 problem, and no {@code Access-Control-Allow-Origin}.
 */
@Component
public class CorsPolicyFilter implements WebFilter, Ordered {

    private final CorsConfiguration policy;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemResponseWriter problems;

    private final String publicOrigin;

    public CorsPolicyFilter(CorsProperties properties, ProblemResponseWriter problems,
                            @Value("${chat.public-url:http://127.0.0.1:8080}") String publicUrl) {
        this.policy = policy(properties.allowedOrigins());
        this.problems = problems;
        this.publicOrigin = PublicOrigin.of(publicUrl).origin();
    }

    static CorsConfiguration policy(List<String> allowedOrigins) {
        CorsConfiguration policy = new CorsConfiguration();
        policy.setAllowedOrigins(allowedOrigins);
        policy.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        policy.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, RequestId.HEADER,
                "Idempotency-Key"));
        policy.setExposedHeaders(List.of(RequestId.HEADER, HttpHeaders.RETRY_AFTER));
        // bearer tokens travel in a header, never in cookies: no credentialed CORS
        policy.setAllowCredentials(false);
        policy.setMaxAge(Duration.ofHours(1));
        return policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // the web client's own requests: behind a TLS proxy the gateway sees http:// while the browser names the
        // public https:// origin, which is this gateway's, never a foreign one
        if (!CorsUtils.isCorsRequest(exchange.getRequest())
                || publicOrigin.equals(exchange.getRequest().getHeaders().getOrigin())) {
            return chain.filter(exchange);
        }
        if (!processor.process(policy, exchange)) {
            return problems.write(exchange, GatewayProblem.FORBIDDEN);
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.CORS;
    }
}
