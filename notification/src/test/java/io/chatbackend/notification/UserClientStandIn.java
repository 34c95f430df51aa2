package io.chatbackend.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
 * A stand-in for user-client's internal API (another process's API) over real HTTP: session changes (devices the
 * test revoked are refused), heartbeats, delivery cursors (greatest wins), push
 * endpoints the test sets, and the notification node registry (a node's claim is renewed only when its set of
 * partitions changes; of two claims on a partition the more recent wins; no expiry). Records what it was asked.
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
    /** How many session-changes calls nodes made (each may carry many sessions). */
    final java.util.concurrent.atomic.AtomicInteger sessionChangeCalls = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private long claims;

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
            if (method.equals("POST") && path.length == 2 && path[0].equals("sessions")
                    && path[1].equals("changes")) {
                reply(exchange, 200, sessionChanges(json.readTree(exchange.getRequestBody().readAllBytes())));
            } else if (method.equals("POST") && path.length == 2 && path[1].equals("heartbeat")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                heartbeats.add(body);
                reply(exchange, 200, "{\"extended\":" + body.get("sessionIds").size() + ",\"unknown\":[]}");
            } else if (method.equals("PUT") && path.length == 4 && path[0].equals("cursors")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                long upToSeq = body.get("upToSeq").asLong();
                String key = path[1] + "/" + path[2] + "/" + path[3];
                cursorCalls.add(key + "/" + upToSeq);
                long now = cursors.merge(key, upToSeq, Math::max);
                reply(exchange, 200, "{\"upToSeq\":" + now + "}");
            } else if (method.equals("PUT") && path.length == 2 && path[0].equals("nodes")) {
                reply(exchange, 200, registerNode(path[1], json.readTree(exchange.getRequestBody().readAllBytes()))
                        .toString());
            } else if (method.equals("GET") && path.length == 1 && path[0].equals("nodes")) {
                reply(exchange, 200, liveNodes().toString());
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

    /** A node's session changes: revoked devices refused, the others registered; ends recorded. */
    private String sessionChanges(JsonNode body) {
        String nodeId = body.get("nodeId").asString();
        ArrayNode registeredNow = json.createArrayNode();
        ArrayNode refused = json.createArrayNode();
        body.get("opened").forEach(session -> {
            String key = session.get("userId").asString() + "/" + session.get("deviceId").asString();
            String sessionId = session.get("sessionId").asString();
            if (revoked.contains(key)) {
                refused.add(sessionId);
            } else {
                registered.add(key + "/" + sessionId + "/" + nodeId);
                registeredNow.add(sessionId);
            }
        });
        body.get("ended").forEach(id -> ended.add(id.asString()));
        sessionChangeCalls.incrementAndGet();
        ObjectNode answer = json.createObjectNode();
        answer.set("registered", registeredNow);
        answer.set("revoked", refused);
        answer.putArray("conflicting");
        return answer.toString();
    }

    /** The partitions each registered node owns now (the more recent claim of a partition wins). */
    Map<String, List<Integer>> owners() {
        Map<String, List<Integer>> owners = new java.util.TreeMap<>();
        liveNodes().forEach(node -> {
            List<Integer> partitions = new java.util.ArrayList<>();
            node.get("partitions").forEach(p -> partitions.add(p.asInt()));
            owners.put(node.get("nodeId").asString(), partitions);
        });
        return owners;
    }

    private synchronized JsonNode registerNode(String nodeId, JsonNode registration) {
        Node before = nodes.get(nodeId);
        boolean same = before != null && before.registration().get("partitions").equals(registration.get("partitions"))
                && before.registration().get("partitionCount").equals(registration.get("partitionCount"));
        Node node = new Node(nodeId, registration, same ? before.claim() : ++claims);
        nodes.put(nodeId, node);
        return node.toJson(registration.get("partitions"));
    }

    private synchronized ArrayNode liveNodes() {
        Set<String> taken = new java.util.HashSet<>();
        ArrayNode list = json.createArrayNode();
        nodes.values().stream().sorted(java.util.Comparator.comparingLong(Node::claim).reversed()).forEach(node -> {
            ArrayNode owned = json.createArrayNode();
            node.registration().get("partitions").forEach(p -> {
                if (taken.add(node.registration().get("partitionCount").asInt() + "/" + p.asInt())) {
                    owned.add(p.asInt());
                }
            });
            list.add(node.toJson(owned));
        });
        return list;
    }

    private record Node(String nodeId, JsonNode registration, long claim) {

        JsonNode toJson(JsonNode partitions) {
            tools.jackson.databind.node.ObjectNode node = JsonMapper.builder().build().createObjectNode();
            node.put("nodeId", nodeId).put("wsUrl", registration.get("wsUrl").asString())
                    .put("partitionCount", registration.get("partitionCount").asInt());
            node.set("partitions", partitions);
            node.put("claimedAt", java.time.Instant.EPOCH.plusSeconds(claim).toString())
                    .put("expiresAt", java.time.Instant.now().plusSeconds(30).toString());
            return node;
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
