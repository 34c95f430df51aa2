package io.chatbackend.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code chat.security.*}: where the signing keys are ({@code jwk-set-uri}, UAA's JWKS), the issuer every access
 * token must name ({@code issuer}, UAA's public issuer URL) and the clock skew tolerated on exp/nbf.
 */
@ConfigurationProperties("chat.security")
public record TokenValidationProperties(String jwkSetUri, String issuer, Duration clockSkew) {

    public TokenValidationProperties {
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            throw new IllegalArgumentException("chat.security.jwk-set-uri is required");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("chat.security.issuer is required");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("chat.security.clock-skew must be zero or positive");
        }
    }
}
