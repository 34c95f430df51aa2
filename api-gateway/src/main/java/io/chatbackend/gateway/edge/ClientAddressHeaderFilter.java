package io.chatbackend.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;
import java.util.Locale;

/**
 * On the way to a context: the request carries exactly the forwarding headers the gateway decided, never one a client
 * sent: {@code X-Forwarded-For} with the address {@link ClientAddress} decided, and the public origin
 * ({@code chat.public-url}) as {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port}, so the pages and redirects
 * UAA builds for browsers (its login page, the authorization endpoint's) name the gateway, not UAA's own address.
 * The origin comes from configuration, not the request's Host, so a client cannot make UAA redirect elsewhere. It
 * runs after Spring Cloud Gateway's own header filters (which drop every {@code X-Forwarded-*} header when no
 * trusted proxies are configured for them).
 */
@Component
public class ClientAddressHeaderFilter implements HttpHeadersFilter, Ordered {

    private final PublicOrigin publicOrigin;

    public ClientAddressHeaderFilter(@Value("${chat.public-url:http://127.0.0.1:8080}") String publicUrl) {
        this.publicOrigin = PublicOrigin.of(publicUrl);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        List<String> forwarding = headers.headerNames().stream().filter(ClientAddressHeaderFilter::isForwarding).toList();
        forwarding.forEach(headers::remove);
        headers.set("X-Forwarded-For", ClientAddress.of(exchange));
        headers.set("X-Forwarded-Proto", publicOrigin.scheme());
        headers.set("X-Forwarded-Host", publicOrigin.hostHeader());
        headers.set("X-Forwarded-Port", Integer.toString(publicOrigin.port()));
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
