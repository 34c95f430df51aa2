package io.chatbackend.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code chat.gateway.trusted-proxies}: the exact addresses of proxies in front of the gateway (a load balancer)
 * whose {@code X-Forwarded-For} is believed; empty by default, so the connection's peer is the client.
 */
@ConfigurationProperties("chat.gateway")
public record ForwardingProperties(List<String> trustedProxies) {

    public ForwardingProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
