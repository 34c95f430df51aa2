package io.chatbackend.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for UAA's token side: an RSA signing key (its public half served as JWKS by the UAA stand-in) and
 * tokens minted with Nimbus, good ones and every kind of bad one.
 */
final class TestTokenIssuer {

    static final String ISSUER = "http://issuer.test";
    static final String KEY_ID = "test-key";

    private static final TestTokenIssuer SHARED = new TestTokenIssuer();

    private final RSAKey signingKey = newRsaKey(KEY_ID);

    static TestTokenIssuer shared() {
        return SHARED;
    }

    /** The public key set, as UAA serves it at /.well-known/jwks.json. */
    String jwksJson() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    /** Claims of a good access token for the user: our issuer, audience chat-api, valid for five minutes. */
    JWTClaimsSet.Builder userClaims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of("chat-api"))
                .subject(userId)
                .claim("roles", List.of("USER"))
                .claim("did", "device-" + userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    String validToken(String userId) {
        return sign(userClaims(userId).build());
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    /** Signed RS256 with a key that is not in the key set but claims the same key id. */
    String signWithForeignKey(JWTClaimsSet claims) {
        return sign(claims, newRsaKey(KEY_ID));
    }

    /** {@code alg=none}: no signature at all. */
    String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** The key confusion attack: HS256 with the RSA public key (as PEM text, the attacker has it) as the secret. */
    String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(signingKey.toPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).keyID(KEY_ID).type(JOSEObjectType.JWT).build();
    }

    private static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
