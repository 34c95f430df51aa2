package io.chatbackend.platform.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for UAA in a context's integration tests: publishes a JWKS, mints user and service tokens, answers
 * the client-credentials token endpoint and the internal user lookup (every id exists unless marked unknown).
 * The real UAA is covered by its own tests and the system tests.
 */
public final class StubIdentityProvider implements AutoCloseable {

    public static final String ISSUER = "http://issuer.test";
    private static final Pattern UUIDS = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final RSAKey key;
    private final HttpServer server;
    private final Set<UUID> unknownUsers = ConcurrentHashMap.newKeySet();

    public StubIdentityProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> reply(exchange, 200,
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/oauth2/token", exchange -> reply(exchange, 200, "{\"access_token\":\""
                + serviceToken("stub-service", "tcc users.read delivery sessions")
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        server.createContext("/internal/users/lookup", this::lookup);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Points a service at this provider: issuer, JWKS, and UAA's URL for tokens and lookups. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("chat.public-url", () -> ISSUER);
        registry.add("chat.security.issuer", () -> ISSUER);
        registry.add("chat.services.uaa", this::baseUrl);
        registry.add("chat.security.jwk-set-uri", () -> baseUrl() + "/.well-known/jwks.json");
    }

    /** The lookup will report these ids as belonging to no account. */
    public void markUnknown(UUID userId) {
        unknownUsers.add(userId);
    }

    public String userToken(UUID userId, String deviceId) {
        return userToken(userId, deviceId, List.of("USER"));
    }

    /** A user's access token with the given roles ({@code USER}, {@code AUDITOR}, {@code ADMIN}). */
    public String userToken(UUID userId, String deviceId, List<String> roles) {
        return sign(claims("chat-api").subject(userId.toString()).claim("roles", roles)
                .claim("did", deviceId).build());
    }

    public String serviceToken(String clientId, String scope) {
        return sign(claims("chat-internal").subject(clientId).claim("scope", scope).build());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void lookup(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Matcher ids = UUIDS.matcher(body);
        while (ids.find()) {
            UUID id = UUID.fromString(ids.group());
            if (unknownUsers.contains(id)) {
                missing.add("\"" + id + "\"");
            } else {
                found.add("{\"userId\":\"" + id + "\",\"username\":\"u\",\"displayName\":\"U\"}");
            }
        }
        reply(exchange, 200, "{\"found\":[" + String.join(",", found) + "],\"missing\":[" + String.join(",", missing)
                + "]}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
