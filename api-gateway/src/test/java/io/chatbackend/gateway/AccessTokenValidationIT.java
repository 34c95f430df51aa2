package io.chatbackend.gateway;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Only RS256 access tokens from our issuer, for chat-api, within their lifetime, pass the gateway. */
class AccessTokenValidationIT extends GatewayIntegrationTest {

    private static final String SECURED = "/api/v1/dialogs";

    @Test
    void aValidTokenIsRouted() {
        HttpResponse<String> response = gateway().getWithToken(SECURED, TOKENS.validToken(newUserId()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("dialog-domain GET /api/v1/dialogs");
    }

    @Test
    void noTokenIsUnauthenticated() {
        HttpResponse<String> response = gateway().get(SECURED);
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId())
                .issueTime(Date.from(past.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(past)).build()));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Instant now = Instant.now();
        String token = TOKENS.sign(TOKENS.userClaims(newUserId())
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.minusSeconds(5))).build());
        assertThat(gateway().getWithToken(SECURED, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId())
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build()));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId()).expirationTime(null).build()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId()).audience(List.of("other-api")).build()));
    }

    @Test
    void aServiceTokenIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims("message-domain")
                .audience(List.of("chat-internal")).claim("roles", null).claim("did", null)
                .claim("scope", "tcc").build()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId()).issuer("http://evil.test").build()));
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertRefused(TOKENS.sign(TOKENS.userClaims(newUserId()).subject(null).build()));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String token = TOKENS.unsigned(TOKENS.userClaims(newUserId()).build());
        assertThat(token).endsWith("."); // alg=none: header.claims. and no signature
        assertRefused(token);
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefused() {
        assertRefused(TOKENS.hs256WithPublicKey(TOKENS.userClaims(newUserId()).build()));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        assertRefused(TOKENS.signWithForeignKey(TOKENS.userClaims(newUserId()).build()));
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not-a-jwt");
    }

    @Test
    void publicPathsIgnoreAnInvalidToken() {
        // a client renewing its tokens often still sends the expired access token
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String expired = TOKENS.sign(TOKENS.userClaims(newUserId())
                .issueTime(Date.from(anHourAgo.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(anHourAgo)).build());
        HttpResponse<String> response = gateway().getWithToken("/api/v1/auth/refresh", expired);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("uaa GET /api/v1/auth/refresh");
    }

    private void assertRefused(String token) {
        HttpResponse<String> response = gateway().getWithToken(SECURED, token);
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("dialog-domain");
    }
}
