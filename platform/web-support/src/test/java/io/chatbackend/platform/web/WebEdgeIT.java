package io.chatbackend.platform.web;

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
import com.sun.net.httpserver.HttpServer;
import io.chatbackend.platform.web.probe.ProbeWebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared web edge of every servlet service: tokens are validated (signature, algorithm, issuer, audience,
 * expiry), identity comes only from the token, and every failure is problem details without internals.
 */
@SpringBootTest(classes = ProbeWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.security.issuer=http://issuer.test", "chat.web.max-body-bytes=1024"})
class WebEdgeIT {

    private static final RSAKey KEY = generate();
    private static final RSAKey OTHER_KEY = generate();
    private static final HttpServer JWKS = jwksServer();

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("chat.security.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String userId = UUID.randomUUID().toString();

    @Test
    void aValidUserTokenIdentifiesTheCallerAndDevice() throws Exception {
        HttpResponse<String> response = get("/probe/me", sign(KEY, claims("chat-api").build()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subject\":\"" + userId + "\"").contains("\"deviceId\":\"phone\"")
                .contains("\"roles\":[\"USER\"]");
    }

    @Test
    void aServiceTokenWithTheInternalAudienceIsAccepted() throws Exception {
        HttpResponse<String> response = get("/probe/me", sign(KEY, claims("chat-internal")
                .claim("scope", "tcc users.read").build()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"scopes\":[\"tcc\",\"users.read\"]");
    }

    @Test
    void eachPathTakesItsOwnAudienceAndAWrongOneIsForbiddenNeverAnError() throws Exception {
        String user = sign(KEY, claims("chat-api").build());
        String service = sign(KEY, claims("chat-internal").claim("scope", "tcc").build());
        assertThat(get("/api/v1/probe/me", user).statusCode()).isEqualTo(200);
        assertThat(get("/internal/probe/me", service).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/probe/me", service), 403, "FORBIDDEN");
        assertProblem(get("/internal/probe/me", user), 403, "FORBIDDEN");
    }

    @Test
    void aTokenWithoutExpiryOrExpiredBeyondTheSmallSkewIsRefused() throws Exception {
        Instant now = Instant.now();
        assertProblem(get("/probe/me", sign(KEY, claims("chat-api").expirationTime(null).build())), 401,
                "UNAUTHENTICATED");
        assertProblem(get("/probe/me", sign(KEY, claims("chat-api")
                .expirationTime(Date.from(now.minusSeconds(45))).build())), 401, "UNAUTHENTICATED");
        assertProblem(get("/probe/me", sign(KEY, claims("chat-api").subject(null).build())), 401,
                "UNAUTHENTICATED");
        assertThat(get("/probe/me", sign(KEY, claims("chat-api").issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.minusSeconds(10))).build())).statusCode()).as("within the skew")
                .isEqualTo(200);
    }

    @Test
    void refusesMissingExpiredForeignAndForgedTokens() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        List<String> refused = List.of(
                sign(KEY, claims("chat-api").expirationTime(Date.from(past)).build()),
                sign(KEY, claims("another-api").build()),
                sign(KEY, claims("chat-api").issuer("http://evil.test").build()),
                sign(OTHER_KEY, claims("chat-api").build()),
                new PlainJWT(claims("chat-api").build()).serialize(),
                hmacWithThePublicKey(claims("chat-api").build()));
        for (String token : refused) {
            HttpResponse<String> response = get("/probe/me", token);
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        assertProblem(get("/probe/me", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void badRequestBodiesAndParametersGetStableCodes() throws Exception {
        String token = sign(KEY, claims("chat-api").build());
        assertProblem(post("/probe/greetings", token, "{\"name\":\"ann\",\"times\":1,\"admin\":true}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(post("/probe/greetings", token, "{\"name\":\"ann\",\"times\":\"many\"}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(post("/probe/greetings", token, "{\"name\":"), 400, "MALFORMED_REQUEST");
        HttpResponse<String> invalid = post("/probe/greetings", token, "{\"name\":\"\",\"times\":1}");
        assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(invalid.body()).contains("\"field\":\"name\"");
        assertProblem(get("/probe/page?limit=100000", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/probe/page?limit=lots", token), 400, "VALIDATION_FAILED");
        assertProblem(post("/probe/greetings", token, "{\"name\":\"" + "x".repeat(2000) + "\",\"times\":1}"), 413,
                "PAYLOAD_TOO_LARGE");
        assertProblem(get("/probe/nothing-here", token), 404, "NOT_FOUND");
    }

    @Test
    void unexpectedFailuresLeakNothing() throws Exception {
        HttpResponse<String> response = get("/probe/boom", sign(KEY, claims("chat-api").build()));
        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("SQL").doesNotContain("IllegalState").doesNotContain("account");
    }

    @Test
    void requestIdsAreEchoedWhenWellFormedAndReplacedOtherwise() throws Exception {
        HttpResponse<String> kept = http.send(HttpRequest.newBuilder(uri("/probe/me"))
                .header("X-Request-Id", "client-req-1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("client-req-1");
        assertThat(kept.body()).contains("\"requestId\":\"client-req-1\"");
        HttpResponse<String> replaced = http.send(HttpRequest.newBuilder(uri("/probe/me"))
                .header("X-Request-Id", "<script>").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo("<script>").hasSize(36);
    }

    private JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("http://issuer.test").audience(audience).subject(userId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("USER")).claim("did", "phone");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The classic algorithm-confusion forgery: HS256 keyed with the server's public key. */
    private static String hmacWithThePublicKey(JWTClaimsSet claims) throws Exception {
        byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status)
                .contains("\"type\":").contains("\"title\":").contains("\"detail\":")
                .contains("\"requestId\":\"" + response.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
