package io.chatbackend.gateway.webclient;

import java.util.List;

import io.chatbackend.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The web client's pages and modules go out with a Content-Security-Policy that lets only the gateway's own files
 * run and connect (ADR 0025): no inline script or style, no other origin, no framing, and Trusted Types required,
 * so an injected message body cannot become markup even if the client had a bug that tried. The WebSocket is on the
 * same origin ({@code 'self'} covers ws: and wss: there). Responses proxied from the services keep their own headers.
 */
@Component
public class WebClientHeadersFilter implements WebFilter, Ordered {

    /** The policy of every web client response. */
    public static final String POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");

    private static final List<PathPattern> CLIENT = List.of("/", "/index.html", "/app/**").stream()
            .map(PathPatternParser.defaultInstance::parse).toList();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (CLIENT.stream().anyMatch(pattern -> pattern.matches(path))) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.WEB_CLIENT_HEADERS;
    }
}
