package io.chatbackend.gateway.requestid;

import io.chatbackend.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Fixes the request id first of all, passes it downstream and returns it on every response, errors included.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
        RequestId.remember(exchange, requestId);
        ServerHttpResponse response = exchange.getResponse();
        // set at commit time: a proxied context's own X-Request-Id header must not replace ours
        response.beforeCommit(() -> {
            response.getHeaders().set(RequestId.HEADER, requestId);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(RequestId.HEADER, requestId))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.REQUEST_ID;
    }
}
