package io.chatbackend.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for user-client's internal API (another process's API) over real HTTP: session registration (409
 * CLIENT_REVOKED for devices the test revoked), heartbeats, ends, delivery cursors (greatest wins) and push
 * endpoints the test sets. Records what it was asked.
 */
final class UserClientStandIn implements AutoCloseable {

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();
    private final Map<UUID, List<Map<String, String>>> pushEndpoints = new ConcurrentHashMap<>();
    final List<String> registered = new CopyOnWriteArrayList<>();
    final List<String> ended = new CopyOnWriteArrayList<>();
    final List<String> cursorCalls = new CopyOnWriteArrayList<>();
    final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();

    UserClientStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void revoke(UUID user, String device) {
        revoked.add(user + "/" + device);
    }

    void pushEndpoint(UUID user, String device, String url, String secret) {
        pushEndpoints.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>())
                .add(Map.of("deviceId", device, "url", url, "secret", secret));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                reply(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getPath().substring("/internal/".length()).split("/");
            if (method.equals("POST") && path.length == 1 && path[0].equals("sessions")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                String key = body.get("userId").asString() + "/" + body.get("deviceId").asString();
                if (revoked.contains(key)) {
                    reply(exchange, 409, "{\"code\":\"CLIENT_REVOKED\",\"status\":409}");
                    return;
                }
                registered.add(key + "/" + body.get("sessionId").asString() + "/" + body.get("nodeId").asString());
                reply(exchange, 201, body.toString());
            } else if (method.equals("POST") && path.length == 2 && path[1].equals("heartbeat")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                heartbeats.add(body);
                reply(exchange, 200, "{\"extended\":" + body.get("sessionIds").size() + ",\"unknown\":[]}");
            } else if (method.equals("DELETE") && path.length == 2 && path[0].equals("sessions")) {
                ended.add(path[1]);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else if (method.equals("PUT") && path.length == 4 && path[0].equals("cursors")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                long upToSeq = body.get("upToSeq").asLong();
                String key = path[1] + "/" + path[2] + "/" + path[3];
                cursorCalls.add(key + "/" + upToSeq);
                long now = cursors.merge(key, upToSeq, Math::max);
                reply(exchange, 200, "{\"upToSeq\":" + now + "}");
            } else if (method.equals("GET") && path.length == 3 && path[2].equals("push-endpoints")) {
                ArrayNode list = json.createArrayNode();
                pushEndpoints.getOrDefault(UUID.fromString(path[1]), List.of()).forEach(endpoint ->
                        list.addObject().put("deviceId", endpoint.get("deviceId")).put("url", endpoint.get("url"))
                                .put("secret", endpoint.get("secret")));
                reply(exchange, 200, list.toString());
            } else {
                reply(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
            }
        } catch (Exception e) {
            reply(exchange, 500, "{\"code\":\"INTERNAL_ERROR\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
