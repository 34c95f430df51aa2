package io.chatbackend.gateway.edge;

import io.chatbackend.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Decides the client's address ({@link ClientAddress}) once, before anything may answer, for every limit and for
 * the contexts ({@link ClientAddressHeaderFilter} replaces every forwarding header a client sent with it on the way
 * out, so UAA throttles logins under the address the gateway saw; ADR 0016). Proxies in front of the gateway are
 * trusted only when listed in {@code chat.gateway.trusted-proxies} (exact addresses).
 */
@Component
public class ClientAddressFilter implements WebFilter, Ordered {

    private final Set<String> trustedProxies;

    public ClientAddressFilter(ForwardingProperties properties) {
        this.trustedProxies = Set.copyOf(properties.trustedProxies());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> forwardedFor = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .toList();
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE,
                ClientAddress.decide(ClientAddress.peer(exchange), forwardedFor, trustedProxies));
        return chain.filter(exchange);
    }


    @Override
    public int getOrder() {
        return EdgeFilterOrder.CLIENT_ADDRESS;
    }
}
