package io.chatbackend.platform.web;

import java.time.Clock;

import io.chatbackend.platform.service.caching.UntilExpiryCache;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A token this service verified is remembered, keyed by the whole token, until it expires: the same client's next
 * request (and every TCC call with the same service token) skips the RSA verification. Only successful
 * verifications are kept, an entry never outlives the token's {@code exp}, and the number of entries is bounded;
 * what the path allows (audience, scopes, roles) is still decided on every request.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** Enough for every live client of one node; about 2 KB each. */
    public static final long DEFAULT_CAPACITY = 10_000;

    private final JwtDecoder verifier;
    private final UntilExpiryCache<Jwt> verified;

    public VerifiedTokens(JwtDecoder verifier, long capacity, Clock clock) {
        this.verifier = verifier;
        this.verified = new UntilExpiryCache<>(capacity, Jwt::getExpiresAt, clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return verified.get(token).orElseGet(() -> {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        });
    }
}
