package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code chat.gateway.max-body-bytes} with 413: at once when the declared
 * Content-Length says so (nothing is read or forwarded), and while streaming for bodies without one.
 */
@Component
public class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long maxBodyBytes;
    private final ProblemResponseWriter problems;

    public BodySizeLimitFilter(BodySizeProperties properties, ProblemResponseWriter problems) {
        this.maxBodyBytes = properties.maxBodyBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBodyBytes) {
            return problems.write(exchange, GatewayProblem.PAYLOAD_TOO_LARGE);
        }
        SizeLimitedRequest limited = new SizeLimitedRequest(exchange.getRequest(), maxBodyBytes);
        return chain.filter(exchange.mutate().request(limited).build());
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.BODY_SIZE_LIMIT;
    }
}
