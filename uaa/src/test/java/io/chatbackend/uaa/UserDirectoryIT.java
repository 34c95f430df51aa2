package io.chatbackend.uaa;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user directory on the real PostgreSQL (ADR 0023): profiles by id, by a batch of ids and by search, showing
 * nothing beyond the public profile; display-name changes stored and published; bad input refused; searches rate
 * limited per user.
 */
class UserDirectoryIT extends UaaIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void profilesAreFoundByIdByABatchOfIdsAndBySearchWithNothingBeyondThePublicProfile() throws Exception {
        String prefix = "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String ann = register(prefix + "ann", "Quentin " + prefix);
        String bob = register(prefix + "bob", "Bob");
        String cyd = register(prefix + "cyd", "Cyd");
        String token = login(prefix + "ann");

        JsonNode me = ok(get("/api/v1/users/me", token));
        assertThat(me.propertyNames()).containsExactlyInAnyOrder("userId", "username", "displayName");
        assertThat(me.get("userId").asString()).isEqualTo(ann);
        JsonNode other = ok(get("/api/v1/users/" + bob, token));
        assertThat(other.propertyNames()).containsExactlyInAnyOrder("userId", "username", "displayName");
        assertThat(other.get("username").asString()).isEqualTo(prefix + "bob");

        JsonNode batch = ok(get("/api/v1/users?ids=" + bob + "," + cyd + "," + UUID.randomUUID() + "," + bob, token));
        assertThat(usernames(batch)).containsExactly(prefix + "bob", prefix + "cyd");

        JsonNode first = ok(get("/api/v1/users?query=" + prefix.toUpperCase() + "&limit=2", token));
        assertThat(usernames(first)).containsExactly(prefix + "ann", prefix + "bob");
        assertThat(first.get("nextCursor").asString()).isNotBlank();
        JsonNode second = ok(get("/api/v1/users?query=" + prefix + "&limit=2&cursor="
                + first.get("nextCursor").asString(), token));
        assertThat(usernames(second)).containsExactly(prefix + "cyd");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(usernames(ok(get("/api/v1/users?query=" + prefix + "cyd", token))))
                .as("an exact username").containsExactly(prefix + "cyd");
        assertThat(usernames(ok(get("/api/v1/users?query=" + enc("quentin " + prefix.substring(0, 4)), token))))
                .as("a display name's prefix, in any case").contains(prefix + "ann");
        assertThat(usernames(ok(get("/api/v1/users?query=" + enc(prefix.substring(0, 3) + "%"), token))))
                .as("wildcards are text").isEmpty();

        assertProblem(get("/api/v1/users/" + UUID.randomUUID(), token), 404, "USER_NOT_FOUND");
        assertProblem(get("/api/v1/users/not-a-uuid", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users?query=ab", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users?query=abc&ids=" + bob, token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users?query=abc&limit=51", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users?query=abc&cursor=%25%25", token), 400, "VALIDATION_FAILED");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        assertProblem(get("/api/v1/users?ids=" + tooMany, token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users/me", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void aDisplayNameChangeIsStoredAndPublishedAndABadOneChangesNothing() throws Exception {
        String name = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String userId = register(name, "Before");
        String token = login(name);

        assertProblem(patch("/api/v1/users/me", token, "{\"displayName\":\"   \"}"), 400, "VALIDATION_FAILED");
        assertProblem(patch("/api/v1/users/me", token, "{\"displayName\":\"" + "x".repeat(65) + "\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(patch("/api/v1/users/me", token, "{\"displayName\":\"Ok\",\"username\":\"evil\"}"), 400,
                "MALFORMED_REQUEST");
        assertThat(ok(get("/api/v1/users/me", token)).get("displayName").asString()).isEqualTo("Before");

        JsonNode changed = ok(patch("/api/v1/users/me", token, "{\"displayName\":\"  After  \"}"));
        assertThat(changed.get("displayName").asString()).isEqualTo("After");
        assertThat(changed.get("username").asString()).isEqualTo(name);
        assertThat(ok(get("/api/v1/users/" + userId, token)).get("displayName").asString()).isEqualTo("After");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'UserProfileChanged' "
                + "AND message_key = ? AND payload LIKE '%After%'", Integer.class, userId)).isEqualTo(1);
    }

    @Test
    void searchesAreRateLimitedPerUser() throws Exception {
        String heavy = "h" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String light = "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        register(heavy, "Heavy");
        register(light, "Light");
        String heavyToken = login(heavy);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(get("/api/v1/users?query=" + heavy, heavyToken).statusCode());
        }
        assertThat(statuses).as("the minute's budget").containsOnly(200);
        HttpResponse<String> refused = get("/api/v1/users?query=" + heavy, heavyToken);
        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("/api/v1/users?query=" + heavy, login(light)).statusCode())
                .as("another user is not slowed").isEqualTo(200);
        assertThat(get("/api/v1/users/me", heavyToken).statusCode()).as("look-ups are not searches").isEqualTo(200);
    }

    private String register(String username, String displayName) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/register", null, "{\"username\":\"" + username
                + "\",\"password\":\"a fine password 1\",\"displayName\":\"" + displayName + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("userId").asString();
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + username
                + "\",\"password\":\"a fine password 1\",\"deviceId\":\"phone\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("accessToken").asString();
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> usernames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("username").asString()));
        return names;
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private HttpResponse<String> patch(String path, String token, String body) throws Exception {
        return send("PATCH", path, token, body);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
