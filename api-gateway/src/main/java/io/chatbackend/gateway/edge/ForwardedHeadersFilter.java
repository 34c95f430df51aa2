package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the client's address ({@link ClientAddress}) and hands it on as the only {@code X-Forwarded-For} the
 * contexts see: every forwarding header a client sent ({@code Forwarded}, {@code X-Forwarded-*}, {@code
 * X-Real-IP}) is dropped, so UAA throttles logins under the address the gateway saw (ADR 0016). Proxies in front of
 * the gateway are trusted only when listed in {@code chat.gateway.trusted-proxies} (exact addresses).
 */
@Component
public class ForwardedHeadersFilter implements WebFilter, Ordered {

    private final Set<String> trustedProxies;

    public ForwardedHeadersFilter(ForwardingProperties properties) {
        this.trustedProxies = Set.copyOf(new HashSet<>(properties.trustedProxies()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        List<String> forwardedFor = incoming.getValuesAsList("X-Forwarded-For").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .toList();
        String client = ClientAddress.decide(ClientAddress.peer(exchange), forwardedFor, trustedProxies);
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, client);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            List<String> forwarding = headers.headerNames().stream().filter(ForwardedHeadersFilter::isForwarding)
                    .toList();
            forwarding.forEach(headers::remove);
            headers.set("X-Forwarded-For", client);
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    static boolean isForwarding(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.equals("forwarded") || name.startsWith("x-forwarded-") || name.equals("x-real-ip");
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.CLIENT_ADDRESS;
    }
}
