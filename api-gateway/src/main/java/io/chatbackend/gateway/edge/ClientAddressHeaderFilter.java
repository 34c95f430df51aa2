package io.chatbackend.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;
import java.util.Locale;

/**
 * On the way to a context: the request carries exactly one forwarding header, {@code X-Forwarded-For} with the
 * address {@link ClientAddress} decided. It runs after Spring Cloud Gateway's own header filters (which drop every
 * {@code X-Forwarded-*} header when no trusted proxies are configured for them), so UAA always learns the client's
 * address, and only from the gateway.
 */
@Component
public class ClientAddressHeaderFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        List<String> forwarding = headers.headerNames().stream().filter(ClientAddressHeaderFilter::isForwarding).toList();
        forwarding.forEach(headers::remove);
        headers.set("X-Forwarded-For", ClientAddress.of(exchange));
        return headers;
    }

    static boolean isForwarding(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.equals("forwarded") || name.startsWith("x-forwarded-") || name.equals("x-real-ip");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
