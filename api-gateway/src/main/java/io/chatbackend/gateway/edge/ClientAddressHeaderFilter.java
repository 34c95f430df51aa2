package io.chatbackend.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;
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

    private final String publicProto;
    private final String publicHost;
    private final String publicPort;

    public ClientAddressHeaderFilter(@Value("${chat.public-url:http://127.0.0.1:8080}") String publicUrl) {
        URI origin = URI.create(publicUrl);
        this.publicProto = origin.getScheme();
        int port = origin.getPort() >= 0 ? origin.getPort() : ("https".equals(origin.getScheme()) ? 443 : 80);
        this.publicHost = origin.getPort() >= 0 ? origin.getHost() + ":" + port : origin.getHost();
        this.publicPort = Integer.toString(port);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        List<String> forwarding = headers.headerNames().stream().filter(ClientAddressHeaderFilter::isForwarding).toList();
        forwarding.forEach(headers::remove);
        headers.set("X-Forwarded-For", ClientAddress.of(exchange));
        headers.set("X-Forwarded-Proto", publicProto);
        headers.set("X-Forwarded-Host", publicHost);
        headers.set("X-Forwarded-Port", publicPort);
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
