package io.chatbackend.gateway.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

import java.time.Duration;
import java.util.List;

/**
 * The claims an access token must carry to pass the gateway: our issuer, the audience {@code chat-api} (service
 * tokens are for {@code chat-internal} and are refused here), an expiry that has not passed and a not-before that
 * has, within the clock skew, and a subject (the user id, also the rate-limit key).
 */
public final class AccessTokenValidator {

    public static final String AUDIENCE = "chat-api";

    private AccessTokenValidator() {
    }

    public static OAuth2TokenValidator<Jwt> create(String issuer, Duration clockSkew) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setAllowEmptyExpiryClaim(false); // a token that never expires is never acceptable
        // createDefaultWithValidators keeps Spring Security's other defaults (typ header, certificate binding)
        return JwtValidators.createDefaultWithValidators(List.of(
                timestamps,
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(AUDIENCE),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank())));
    }
}
