package io.chatbackend.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How this service validates access tokens: the issuer they must name, where the signing keys are published,
 * the audiences it accepts ({@code chat-api} for user tokens, {@code chat-internal} for service tokens) and the clock
 * skew it allows on {@code exp}/{@code nbf} (30 s).
 */
@ConfigurationProperties("chat.security")
public record SecurityProperties(String issuer, String jwkSetUri, List<String> audiences, Duration clockSkew) {

    public SecurityProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        issuer = issuer == null ? "http://127.0.0.1:8080" : issuer;
        jwkSetUri = jwkSetUri == null ? "http://127.0.0.1:8081/.well-known/jwks.json" : jwkSetUri;
        audiences = audiences == null || audiences.isEmpty() ? List.of("chat-api", "chat-internal") : audiences;
    }
}
