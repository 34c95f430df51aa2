package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;

/**
 * Removes headers that look like an identity asserted by a trusted hop. No context reads them (each validates the
 * JWT itself), but a future one might, and a client must never be able to claim to be someone through a header.
 */
@Component
public class SpoofedIdentityHeadersFilter implements WebFilter, Ordered {

    private static final List<String> SPOOFED_PREFIXES =
            List.of("x-user-", "x-auth-", "x-roles", "x-device-", "x-forwarded-user", "x-principal");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> spoofed = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(SpoofedIdentityHeadersFilter::isSpoofed)
                .toList();
        if (spoofed.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> spoofed.forEach(headers::remove))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    static boolean isSpoofed(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return SPOOFED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.SPOOFED_IDENTITY_HEADERS;
    }
}
