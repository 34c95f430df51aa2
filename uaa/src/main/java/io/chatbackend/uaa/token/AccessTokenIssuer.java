package io.chatbackend.uaa.token;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs short-lived access tokens for users: iss, aud chat-api, sub = user id, roles, did = device id. */
public class AccessTokenIssuer {

    public static final String USER_AUDIENCE = "chat-api";

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokenIssuer(JwtEncoder encoder, SigningKeys keys, String issuer, Duration ttl, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(UUID userId, List<String> roles, String deviceId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(USER_AUDIENCE))
                .subject(userId.toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("did", deviceId)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.activeKeyId()).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public Duration ttl() {
        return ttl;
    }
}
