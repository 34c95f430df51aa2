package io.chatbackend.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code chat.gateway.max-body-bytes}: the largest request body the gateway forwards. */
@ConfigurationProperties("chat.gateway")
public record BodySizeProperties(long maxBodyBytes) {

    public BodySizeProperties {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("chat.gateway.max-body-bytes must be positive, was " + maxBodyBytes);
        }
    }
}
