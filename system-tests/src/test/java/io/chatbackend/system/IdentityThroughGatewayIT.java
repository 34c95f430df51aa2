package io.chatbackend.system;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.infra.Ports;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.ServiceProcess;
import io.chatbackend.uaa.token.KeyEncryption;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity end to end: the real UAA and the real gateway as processes on the real infrastructure, used only from
 * outside through the gateway, including a UAA restart. Token forgeries that need a valid signature are made with
 * UAA's own persisted key, read from its database, to show that the checks other than the signature bite too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityThroughGatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "sys-admin";
    private static final String ADMIN_PASSWORD = "sys-admin-password-1";

    private static ServiceProcess uaa;
    private static ServiceProcess gateway;
    private static String databaseUrl;
    private static String issuer;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startUaaAndGateway() {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        Path root = Path.of(System.getProperty("chat.root", ".."));
        databaseUrl = IsolatedData.newDatabase("system");
        int gatewayPort = Ports.freePort();
        int uaaPort = Ports.freePort();
        int nowhere = Ports.freePort();
        issuer = "http://127.0.0.1:" + gatewayPort;
        uaa = ServiceProcess.start("uaa", root.resolve("uaa/target/uaa-exec.jar"), uaaPort, List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--chat.integration.topic-prefix=" + IsolatedData.uniqueName("sys_identity") + ".",
                "--chat.public-url=" + issuer,
                "--chat.uaa.provisioning.enabled=true",
                "--chat.uaa.admin.username=" + ADMIN, "--chat.uaa.admin.password=" + ADMIN_PASSWORD,
                "--chat.uaa.throttle.failures-per-account=3"), Stacks.secrets(Map.of("uaa", databaseUrl)).environmentOf("uaa"));
        List<String> routes = new java.util.ArrayList<>(List.of("--chat.services.uaa=" + uaa.baseUrl(),
                "--chat.public-url=" + issuer, "--chat.security.issuer=" + issuer));
        for (String context : List.of("message-domain", "dialog-domain", "user-client", "notification")) {
            routes.add("--chat.services." + context + "=http://127.0.0.1:" + nowhere);
        }
        gateway = ServiceProcess.start("api-gateway", root.resolve("api-gateway/target/api-gateway-exec.jar"),
                gatewayPort, routes);
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.stop();
        }
        if (uaa != null) {
            uaa.stop();
        }
    }

    @Test
    @Order(1)
    void registerLoginRefreshAndLogoutThroughTheGateway() throws Exception {
        String name = register();
        JsonNode tokens = login(name, "phone");
        JsonNode me = json(Api.call("GET", gateway.baseUrl() + "/api/v1/users/me",
                tokens.get("accessToken").asString(), null), 200);
        assertThat(me.get("username").asString()).as("the user directory is routed to UAA").isEqualTo(name);
        JsonNode refreshed = json(post("/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}"), 200);
        assertThat(refreshed.get("accessToken").asString()).isNotEqualTo(tokens.get("accessToken").asString());

        assertProblem(post("/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}"), 401, "UNAUTHENTICATED");
        assertProblem(post("/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + refreshed.get("refreshToken").asString() + "\"}"), 401, "UNAUTHENTICATED");

        JsonNode again = login(name, "tablet");
        assertThat(post("/api/v1/auth/logout", null, "{\"refreshToken\":\"" + again.get("refreshToken").asString()
                + "\"}").statusCode()).isEqualTo(204);
        assertProblem(post("/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + again.get("refreshToken").asString() + "\"}"), 401, "UNAUTHENTICATED");
    }

    @Test
    @Order(2)
    void theGatewayRefusesEveryKindOfBadToken() throws Exception {
        String admin = adminToken();
        assertThat(post("/api/v1/admin/provision", admin, "{\"count\":1}").statusCode()).isEqualTo(200);

        RSAPrivateKey uaaKey = activeUaaKey();
        String kid = SignedJWT.parse(admin).getHeader().getKeyID();
        Instant now = Instant.now();
        JWTClaimsSet good = SignedJWT.parse(admin).getJWTClaimsSet();
        List<String> refused = List.of(
                sign(uaaKey, kid, new JWTClaimsSet.Builder(good).expirationTime(Date.from(now.minusSeconds(120)))
                        .build()),
                sign(uaaKey, kid, new JWTClaimsSet.Builder(good).issuer("http://evil.test").build()),
                sign(uaaKey, kid, new JWTClaimsSet.Builder(good).audience("chat-internal").build()),
                sign((RSAPrivateKey) new RSAKeyGenerator(2048).keyID(kid).generate().toPrivateKey(), kid, good),
                tamper(admin),
                noneAlgorithm(admin));
        for (String token : refused) {
            assertProblem(post("/api/v1/admin/provision", token, "{\"count\":1}"), 401, "UNAUTHENTICATED");
        }
        assertProblem(post("/api/v1/admin/provision", null, "{\"count\":1}"), 401, "UNAUTHENTICATED");
    }

    @Test
    @Order(3)
    void aUserCannotReachAdminEndpointsAndInternalEndpointsAreNotRouted() throws Exception {
        String user = login(register(), "phone").get("accessToken").asString();
        assertProblem(post("/api/v1/admin/provision", user, "{\"count\":1}"), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/admin/keys/rotate", user, ""), 403, "FORBIDDEN");
        HttpResponse<String> internal = post("/internal/users/lookup", adminToken(), "{\"userIds\":[]}");
        assertThat(internal.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void malformedAndOversizedBodiesAreRefusedWithTheirCodes() throws Exception {
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":"), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/register", null,
                "{\"username\":\"abc-def\",\"password\":\"long enough pass\",\"role\":\"ADMIN\"}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/register", null, "{\"username\":\"abc-def\",\"password\":\"" +
                "y".repeat(200_000) + "\"}"), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    @Order(5)
    void bruteForceIsLockedOut() throws Exception {
        String name = register();
        for (int i = 0; i < 3; i++) {
            assertProblem(post("/api/v1/auth/login", null,
                    "{\"username\":\"" + name + "\",\"password\":\"wrong password\"}"), 401, "UNAUTHENTICATED");
        }
        HttpResponse<String> locked = post("/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"a fine password 1\"}");
        assertProblem(locked, 429, "LOGIN_THROTTLED");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(6)
    void keyRotationKeepsOldTokensValidUntilTheyExpire() throws Exception {
        String before = adminToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        JsonNode rotated = json(post("/api/v1/admin/keys/rotate", before, ""), 200);
        String newKid = rotated.get("activeKeyId").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        assertThat(post("/api/v1/admin/provision", before, "{\"count\":1}").statusCode()).isEqualTo(200);
        String after = adminToken();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(post("/api/v1/admin/provision", after, "{\"count\":1}").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aUaaRestartKeepsIssuedTokensValid() throws Exception {
        String token = adminToken();
        uaa.restart(List.of());
        assertThat(post("/api/v1/admin/provision", token, "{\"count\":1}").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void provisioningIsRefusedWhenDisabled() throws Exception {
        String token = adminToken();
        uaa.restart(List.of("--chat.uaa.provisioning.enabled=false"));
        assertProblem(post("/api/v1/admin/provision", token, "{\"count\":1}"), 404, "NOT_FOUND");
    }

    private String register() throws Exception {
        String name = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        assertThat(post("/api/v1/auth/register", null, "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\"}").statusCode()).isEqualTo(201);
        return name;
    }

    private JsonNode login(String name, String device) throws Exception {
        return json(post("/api/v1/auth/login", null, "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\",\"deviceId\":\"" + device + "\"}"), 200);
    }

    private String adminToken() throws Exception {
        return json(post("/api/v1/auth/login", null, "{\"username\":\"" + ADMIN + "\",\"password\":\""
                + ADMIN_PASSWORD + "\",\"deviceId\":\"console\"}"), 200).get("accessToken").asString();
    }

    private static RSAPrivateKey activeUaaKey() throws Exception {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        try (var connection = DriverManager.getConnection(databaseUrl, endpoints.postgresUsername(),
                endpoints.postgresPassword()); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT kid, private_key FROM uaa.signing_key WHERE retire_at IS NULL "
                     + "ORDER BY created_at DESC LIMIT 1")) {
            rows.next();
            // stored encrypted: only someone holding UAA's key-encryption key (as this test does) can sign with it
            KeyEncryption encryption = new KeyEncryption(uaa.environment().get("CHAT_UAA_KEY_ENCRYPTION_KEY"));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    encryption.open(rows.getString(1), rows.getString(2))));
        }
    }

    private static String sign(RSAPrivateKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"roles\":[", "\"roles\":[\"AUDITOR\",").getBytes());
        return parts[0] + "." + forged + "." + parts[2];
    }

    private static String noneAlgorithm(String token) {
        String[] parts = token.split("\\.");
        return Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + parts[1] + ".";
    }

    private JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("requestId").asString()).isNotBlank();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
