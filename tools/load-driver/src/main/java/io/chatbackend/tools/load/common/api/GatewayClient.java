package io.chatbackend.tools.load.common.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The system's public API as the benchmark uses it, through the gateway. One JDK client with HTTP/1.1 (a
 * connection per request in flight, kept alive and reused), so many sends can be in flight at once without one
 * waiting for another. The client completes answers on its selector thread instead of handing each to a pool
 * thread: the driver shares the box it measures, and the hand-offs cost it about a fifth of its CPU per send
 * (1,378 against 1,076 µs at 150 sends/s, 2026-12-07). Callbacks on its futures must therefore never block.
 */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A send not answered within this counts as failed. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Runnable::run).build();
    private final String gateway;

    public GatewayClient(String gateway) {
        this.gateway = gateway.replaceAll("/+$", "");
    }

    public HttpClient http() {
        return http;
    }

    public String login(String username, String password) throws Exception {
        return login(username, password, "bench-send");
    }

    public String login(String username, String password, String deviceId) throws Exception {
        JsonNode answer = require(post("/api/v1/auth/login", null, JSON.writeValueAsString(java.util.Map.of(
                "username", username, "password", password, "deviceId", deviceId))).join(), 200);
        return answer.get("accessToken").asString();
    }

    /** Provisions {@code count} users (the API takes at most 1,000 per call). */
    public List<User> provision(String adminToken, int count, String prefix) throws Exception {
        return provisionWithRefreshTokens(adminToken, count, prefix).stream().map(Tokens::user).toList();
    }

    /** A user's access token and the refresh token that renews it (access tokens live 15 minutes). */
    public record Tokens(User user, String refreshToken) {
    }

    /** Provisions {@code count} users with their refresh tokens, for runs longer than an access token lives. */
    public List<Tokens> provisionWithRefreshTokens(String adminToken, int count, String prefix) {
        List<Tokens> users = new ArrayList<>();
        while (users.size() < count) {
            int batch = Math.min(1_000, count - users.size());
            JsonNode answer = require(post("/api/v1/admin/provision", adminToken, "{\"count\":" + batch
                    + ",\"usernamePrefix\":\"" + prefix + "\"}").join(), 200);
            answer.forEach(user -> users.add(tokens(user.get("userId").asString(), user.get("tokens"))));
        }
        return users;
    }

    /** New tokens for a user (the refresh token rotates: the answer's replaces the one given). */
    public Tokens refresh(String userId, String refreshToken) {
        return tokens(userId, require(post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken
                + "\"}").join(), 200));
    }

    private static Tokens tokens(String userId, JsonNode answer) {
        return new Tokens(new User(userId, answer.get("accessToken").asString()),
                answer.get("refreshToken").asString());
    }

    public String createDirect(User me, User peer) throws Exception {
        HttpResponse<String> answer = post("/api/v1/dialogs", me.token(), "{\"type\":\"direct\",\"peerUserId\":\""
                + peer.userId() + "\"}").join();
        // 200: the pair's dialog exists already
        return require(answer, answer.statusCode() == 200 ? 200 : 201).get("dialogId").asString();
    }

    /** A group of {@code creator} and {@code others} (at most 999 others, as the API allows in one call). */
    public String createGroup(User creator, List<User> others) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (User member : others) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(member.userId()).append('"');
        }
        return require(post("/api/v1/dialogs", creator.token(), "{\"type\":\"group\",\"title\":\"bench\","
                + "\"memberIds\":[" + ids + "]}").join(), 201).get("dialogId").asString();
    }

    /** Adds members to a group (at most 1,000 per call, as the API allows); {@code admin} is one of its admins. */
    public void addMembers(User admin, String dialogId, List<User> members) {
        StringBuilder ids = new StringBuilder();
        for (User member : members) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(member.userId()).append('"');
        }
        HttpResponse<String> added = post("/api/v1/dialogs/" + dialogId + "/members", admin.token(),
                "{\"userIds\":[" + ids + "]}").join();
        if (added.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /api/v1/dialogs/" + dialogId + "/members: expected 2xx but got "
                    + added.statusCode() + ": " + added.body());
        }
    }

    /** Sends one message; {@code text} is what the recipients' sessions will see. */
    public CompletableFuture<HttpResponse<String>> send(SendTarget target, String text) {
        return send(target, text, UUID.randomUUID());
    }

    /** Sends one message with the client's idempotency key: a retry with the same key is the same send. */
    public CompletableFuture<HttpResponse<String>> send(SendTarget target, String text, UUID clientMessageId) {
        return post("/api/v1/dialogs/" + target.dialogId() + "/messages", target.sender().token(),
                "{\"clientMessageId\":\"" + clientMessageId + "\",\"body\":{\"type\":\"text\",\"text\":\"" + text
                        + "\"}}");
    }

    /** The history page holding only {@code dialogSeq}, if the read model has it yet. */
    public CompletableFuture<HttpResponse<String>> historyAt(User reader, String dialogId, long dialogSeq) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/dialogs/" + dialogId
                        + "/messages?limit=1&afterSeq=" + (dialogSeq - 1))).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + reader.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A one-time WebSocket ticket and the URL it is good for. */
    public Ticket ticket(User user) throws Exception {
        HttpResponse<String> issued = post("/api/v1/ws/ticket", user.token(), "").join();
        JsonNode answer = require(issued, issued.statusCode() == 200 ? 200 : 201); // a new ticket is created: 201
        return new Ticket(answer.get("ticket").asString(), answer.get("url").asString());
    }

    public record Ticket(String ticket, String url) {
        public URI connectUri() {
            return URI.create(url + (url.contains("?") ? "&" : "?") + "ticket=" + ticket);
        }
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode require(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri().getPath()
                    + ": expected " + status + " but got " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
