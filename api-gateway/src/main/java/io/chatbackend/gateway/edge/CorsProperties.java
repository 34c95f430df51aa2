package io.chatbackend.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** {@code chat.gateway.cors.allowed-origins}: the browser origins allowed to call the API from another origin. */
@ConfigurationProperties("chat.gateway.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
