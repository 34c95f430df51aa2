package io.chatbackend.uaa;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** UAA end to end on the real PostgreSQL: accounts, tokens, keys, throttling, the standard OAuth endpoints. */
class UaaAuthIT extends UaaIntegrationTest {


    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    io.chatbackend.uaa.token.SigningKeys signingKeys;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registersAnAccountWithItsEventInTheOutboxAndRefusesATakenName() throws Exception {
        String name = uniqueName();
        HttpResponse<String> created = post("/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\",\"displayName\":\"Ann\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String userId = json.readTree(created.body()).get("userId").asString();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'UserRegistered' "
                + "AND message_key = ? AND payload LIKE ?", Integer.class, userId, "%" + name + "%")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM account WHERE user_id = ?::uuid", String.class,
                userId)).startsWith("{bcrypt-sha256}").doesNotContain("correct horse");

        HttpResponse<String> taken = post("/api/v1/auth/register", null,
                "{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"another good password\"}");
        assertProblem(taken, 409, "USERNAME_TAKEN");
    }

    @Test
    void refusesBadRegistrationsWithoutChangingAnything() throws Exception {
        int accounts = jdbc.queryForObject("SELECT count(*) FROM account", Integer.class);
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":\"ok-name\",\"password\":\"short\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":\"x\",\"password\":\"long enough pass\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/auth/register", null,
                "{\"username\":\"ok-name\",\"password\":\"long enough pass\",\"isAdmin\":true}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":"), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":\"ok-name\",\"password\":" +
                "\"" + "x".repeat(70_000) + "\"}"), 413, "PAYLOAD_TOO_LARGE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account", Integer.class)).isEqualTo(accounts);
    }

    @Test
    void logsInWithASignedTokenThatCarriesTheAgreedClaims() throws Exception {
        String name = register();
        JsonNode tokens = login(name, "a fine password 1", "phone-1");
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        SignedJWT jwt = SignedJWT.parse(tokens.get("accessToken").asString());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        RSAKey key = (RSAKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the signing key is published").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://issuer.test");
        assertThat(claims.getAudience()).containsExactly("chat-api");
        assertThat(claims.getSubject()).isEqualTo(tokens.get("userId").asString());
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getStringClaim("did")).isEqualTo("phone-1");
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void aFailedLoginNeverRevealsWhetherTheAccountExistsAndRepeatedFailuresLockTheName() throws Exception {
        String name = register();
        HttpResponse<String> wrongPassword = post("/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"not the password\"}");
        HttpResponse<String> noSuchUser = post("/api/v1/auth/login", null,
                "{\"username\":\"" + uniqueName() + "\",\"password\":\"not the password\"}");
        assertProblem(wrongPassword, 401, "UNAUTHENTICATED");
        assertProblem(noSuchUser, 401, "UNAUTHENTICATED");
        assertThat(withoutRequestId(wrongPassword.body())).isEqualTo(withoutRequestId(noSuchUser.body()));

        post("/api/v1/auth/login", null, "{\"username\":\"" + name + "\",\"password\":\"not the password\"}");
        post("/api/v1/auth/login", null, "{\"username\":\"" + name + "\",\"password\":\"not the password\"}");
        HttpResponse<String> locked = post("/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"a fine password 1\"}");
        assertProblem(locked, 429, "LOGIN_THROTTLED");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void refreshRotatesAndReusingAnOldTokenRevokesTheFamily() throws Exception {
        String name = register();
        JsonNode first = login(name, "a fine password 1", "laptop");
        String original = first.get("refreshToken").asString();
        HttpResponse<String> rotated = post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode second = json.readTree(rotated.body());
        assertThat(second.get("refreshToken").asString()).isNotEqualTo(original);
        assertThat(second.get("deviceId").asString()).isEqualTo("laptop");

        assertProblem(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}"), 401,
                "UNAUTHENTICATED");
        assertProblem(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + second.get("refreshToken")
                .asString() + "\"}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        String name = register();
        String refresh = login(name, "a fine password 1", "tablet").get("refreshToken").asString();
        assertThat(post("/api/v1/auth/logout", null, "{\"refreshToken\":\"" + refresh + "\"}").statusCode())
                .isEqualTo(204);
        assertProblem(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}"), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void discoveryAnnouncesTheIssuerAndTheJwksPath() throws Exception {
        JsonNode discovery = json.readTree(get("/.well-known/openid-configuration", null).body());
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://issuer.test");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo("http://issuer.test/.well-known/jwks.json");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo("http://issuer.test/oauth2/token");
    }

    @Test
    void servicesGetClientCredentialsTokensAndOnlyThoseReachTheInternalLookup() throws Exception {
        String serviceToken = clientCredentials("dialog-domain", environment.getProperty("CHAT_SECRET_DIALOG_DOMAIN",
                environment.getProperty("chat.uaa.service-clients[1].secret")));
        // the secrets that earlier versions shipped open nothing
        assertThat(rawClientCredentials("dialog-domain", "local-dialog-domain-secret").statusCode()).isEqualTo(401);
        assertThat(rawClientCredentials("notification", "local-notification-secret").statusCode()).isEqualTo(401);
        SignedJWT jwt = SignedJWT.parse(serviceToken);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("chat-internal");
        assertThat(String.valueOf(jwt.getJWTClaimsSet().getClaim("scope"))).contains("users.read");

        String name = register();
        String userId = login(name, "a fine password 1", "d").get("userId").asString();
        UUID stranger = UUID.randomUUID();
        HttpResponse<String> lookup = post("/internal/users/lookup", serviceToken,
                "{\"userIds\":[\"" + userId + "\",\"" + stranger + "\"]}");
        assertThat(lookup.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(lookup.body());
        assertThat(result.get("found").get(0).get("userId").asString()).isEqualTo(userId);
        assertThat(result.get("missing").get(0).asString()).isEqualTo(stranger.toString());

        String userToken = login(name, "a fine password 1", "d").get("accessToken").asString();
        assertProblem(post("/internal/users/lookup", userToken, "{\"userIds\":[]}"), 403, "FORBIDDEN");
        assertProblem(post("/internal/users/lookup", null, "{\"userIds\":[]}"), 401, "UNAUTHENTICATED");
        assertThat(post("/oauth2/token", null, "grant_type=client_credentials").statusCode()).isEqualTo(401);
    }

    @Test
    void publicClientsMustUsePkce() throws Exception {
        String redirect = URLEncoder.encode("http://issuer.test/", StandardCharsets.UTF_8);
        String base = "/oauth2/authorize?response_type=code&client_id=chat-web&scope=openid&redirect_uri=" + redirect;
        HttpResponse<String> withoutVerifier = browserGet(base);
        assertThat(withoutVerifier.statusCode()).isEqualTo(302);
        assertThat(withoutVerifier.headers().firstValue("Location").orElseThrow())
                .startsWith("http://issuer.test/").contains("error=invalid_request");

        HttpResponse<String> withChallenge = browserGet(base + "&code_challenge_method=S256&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(withChallenge.statusCode()).isEqualTo(302);
        assertThat(withChallenge.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void adminsProvisionUsersWithTokensAndOthersCannot() throws Exception {
        String admin = login("root-admin", "root-admin-password-1", "admin-console").get("accessToken").asString();
        HttpResponse<String> provisioned = post("/api/v1/admin/provision", admin,
                "{\"count\":3,\"usernamePrefix\":\"bench\"}");
        assertThat(provisioned.statusCode()).isEqualTo(200);
        JsonNode users = json.readTree(provisioned.body());
        assertThat(users.size()).isEqualTo(3);
        String token = users.get(0).get("tokens").get("accessToken").asString();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject())
                .isEqualTo(users.get(0).get("userId").asString());

        assertProblem(post("/api/v1/admin/provision", token, "{\"count\":1}"), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/admin/provision", admin, "{\"count\":100000}"), 400, "VALIDATION_FAILED");
    }

    @Test
    void afterAKeyRotationOldTokensStillVerifyAndNewOnesUseTheNewKey() throws Exception {
        String admin = login("root-admin", "root-admin-password-1", "admin-console").get("accessToken").asString();
        String oldKid = SignedJWT.parse(admin).getHeader().getKeyID();
        HttpResponse<String> rotated = post("/api/v1/admin/keys/rotate", admin, "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKid = json.readTree(rotated.body()).get("activeKeyId").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(jwks().getKeys()).extracting(key -> key.getKeyID()).contains(oldKid, newKid);

        assertThat(post("/api/v1/admin/provision", admin, "{\"count\":1}").statusCode())
                .as("a token signed by the previous key is still accepted").isEqualTo(200);
        String fresh = login("root-admin", "root-admin-password-1", "admin-console").get("accessToken").asString();
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE kid IN (?, ?)", Integer.class,
                oldKid, newKid)).as("keys are persisted").isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT private_key FROM signing_key", String.class))
                .as("private keys are stored encrypted").allSatisfy(stored -> assertThat(stored).startsWith("aesgcm1:"));

        // once no token it signed can still be valid, a retired key is deleted, not kept forever
        jdbc.update("UPDATE signing_key SET retire_at = now() - interval '1 second' WHERE kid = ?", oldKid);
        signingKeys.refresh();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE kid = ?", Integer.class, oldKid))
                .isZero();
        assertThat(jwks().getKeys()).extracting(key -> key.getKeyID()).containsExactly(newKid);
    }

    @Test
    void refusesForgedTokens() throws Exception {
        String name = register();
        String token = login(name, "a fine password 1", "d").get("accessToken").asString();
        String[] parts = token.split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(post("/api/v1/admin/provision", noneHeader + "." + parts[1] + ".", "{\"count\":1}"), 401,
                "UNAUTHENTICATED");
        JWSObject.parse(token); // well-formed before tampering
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"USER\"", "\"ADMIN\"").getBytes(StandardCharsets.UTF_8));
        assertProblem(post("/api/v1/admin/provision", parts[0] + "." + tamperedPayload + "." + parts[2],
                "{\"count\":1}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void readinessCoversItsDatabaseAndKafka() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\"").contains("\"kafka\"");
        assertThat(jdbc.queryForList("SELECT version FROM uaa.flyway_schema_history WHERE success", String.class))
                .contains("1");
    }

    private String register() throws Exception {
        String name = uniqueName();
        HttpResponse<String> response = post("/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"password\":\"a fine password 1\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return name;
    }

    private JsonNode login(String name, String password, String deviceId) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", null, "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String clientCredentials(String clientId, String secret) throws Exception {
        HttpResponse<String> response = rawClientCredentials(clientId, secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> rawClientCredentials(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=users.read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JWKSet jwks() throws Exception {
        HttpResponse<String> response = get("/.well-known/jwks.json", null);
        assertThat(response.statusCode()).as(response.headers().map() + " " + response.body()).isEqualTo(200);
        return JWKSet.parse(response.body());
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("requestId").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    private String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", path.startsWith("/oauth2") ? "application/x-www-form-urlencoded"
                        : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> browserGet(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

}
