package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Internal endpoints (TCC, look-ups between contexts) and the gateway's own management endpoints other than health
 * answer 404 through the gateway, with or without a token. The routes already list only public paths; this makes
 * the rule explicit, so a broad route added later cannot expose them by accident.
 */
@Component
public class NotExposedPathsFilter implements WebFilter, Ordered {

    private static final List<PathPattern> HIDDEN = patterns("/internal/**", "/actuator/**");
    private static final List<PathPattern> STILL_PUBLIC = patterns("/actuator/health/**");

    private final ProblemResponseWriter problems;

    public NotExposedPathsFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isHidden(exchange.getRequest().getPath().pathWithinApplication())) {
            return problems.write(exchange, GatewayProblem.NOT_FOUND);
        }
        return chain.filter(exchange);
    }

    static boolean isHidden(PathContainer path) {
        return HIDDEN.stream().anyMatch(pattern -> pattern.matches(path))
                && STILL_PUBLIC.stream().noneMatch(pattern -> pattern.matches(path));
    }

    private static List<PathPattern> patterns(String... patterns) {
        return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.NOT_EXPOSED_PATHS;
    }
}
