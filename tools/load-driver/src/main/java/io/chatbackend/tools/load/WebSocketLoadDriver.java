package io.chatbackend.tools.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket figures, taken at the notification node (DESIGN.md §9): opens many mostly idle sessions (tickets through
 * the gateway, sockets straight to the node), reports the node's heap and CPU per session from its own metrics,
 * then measures send → delivery latency to live sessions. One process stays below the 20,000-descriptor cap;
 * run several for more sessions.
 */
public final class WebSocketLoadDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String gateway;
    private final String node;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Histogram deliveries = new Histogram(60_000_000_000L, 3);
    private final AtomicInteger welcomed = new AtomicInteger();
    private volatile String adminToken;

    private WebSocketLoadDriver(String gateway, String node) {
        this.gateway = gateway;
        this.node = node;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>(Map.of("--gateway", "http://127.0.0.1:8080",
                "--node", "http://127.0.0.1:8085", "--admin", "admin", "--admin-password", "admin-password-1",
                "--users", "100", "--sessions", "2000", "--hold-seconds", "15", "--messages", "50", "--node-pid", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        WebSocketLoadDriver driver = new WebSocketLoadDriver(options.get("--gateway"), options.get("--node"));
        String nodePid = options.get("--node-pid");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, load average %.2f%n", cores, load());

        String admin = driver.token("/api/v1/auth/login", "{\"username\":\"" + options.get("--admin")
                + "\",\"password\":\"" + options.get("--admin-password") + "\",\"deviceId\":\"ws-driver\"}", null);
        driver.adminToken = admin;
        JsonNode provisioned = JSON.readTree(driver.post("/api/v1/admin/provision", admin, "{\"count\":"
                + options.get("--users") + ",\"usernamePrefix\":\"ws\"}").body());
        List<String[]> users = new ArrayList<>();
        provisioned.forEach(user -> users.add(new String[] {user.get("userId").asString(),
                user.get("tokens").get("accessToken").asString()}));

        double heapBefore = driver.heapAfterGc(nodePid);
        int sessions = Integer.parseInt(options.get("--sessions"));
        List<WebSocket> open = driver.open(users, sessions);
        Thread.sleep(Duration.ofSeconds(Long.parseLong(options.get("--hold-seconds"))).toMillis());
        double heapAfter = driver.heapAfterGc(nodePid);
        double live = driver.metric("notification.sessions.live", "");
        double cpu = driver.metric("process.cpu.usage", "");
        System.out.printf("idle sessions: %d opened (%d welcomed), node reports %.0f live; node heap after GC "
                        + "%.1f MiB -> %.1f MiB = %.1f KiB per session; node process CPU while idle %.1f%% of the "
                        + "machine; load average %.2f%n", open.size(), driver.welcomed.get(), live,
                heapBefore / 1048576, heapAfter / 1048576, (heapAfter - heapBefore) / 1024 / Math.max(1, open.size()),
                cpu * 100, load());

        // send -> delivery: one sender, a group of the next 9 users, whose sessions all receive every message
        String[] sender = users.get(0);
        StringBuilder members = new StringBuilder();
        for (int i = 1; i < Math.min(10, users.size()); i++) {
            members.append(members.isEmpty() ? "" : ",").append('"').append(users.get(i)[0]).append('"');
        }
        String dialog = JSON.readTree(driver.post("/api/v1/dialogs", sender[1], "{\"type\":\"group\",\"title\":\"ws\","
                + "\"memberIds\":[" + members + "]}").body()).get("dialogId").asString();
        int messages = Integer.parseInt(options.get("--messages"));
        for (int i = 0; i < messages; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = driver.post("/api/v1/dialogs/" + dialog + "/messages", sender[1],
                    "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"body\":{\"type\":\"text\",\"text\":\"ws\"}}");
            if (answer.statusCode() == 201) {
                driver.sentAt.put(JSON.readTree(answer.body()).get("messageId").asString(), start);
            }
            Thread.sleep(100);
        }
        Thread.sleep(5_000);
        System.out.printf("send -> delivery to live sessions: %d deliveries of %d messages, p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms; load average %.2f%n", driver.deliveries.getTotalCount(), messages,
                driver.deliveries.getValueAtPercentile(50) / 1e6, driver.deliveries.getValueAtPercentile(99) / 1e6,
                driver.deliveries.getMaxValue() / 1e6, load());
        open.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        Thread.sleep(1_000);
        System.exit(0);
    }

    private List<WebSocket> open(List<String[]> users, int count) throws Exception {
        List<WebSocket> sockets = new ArrayList<>();
        Semaphore handshakes = new Semaphore(32);
        Set<CompletableFuture<WebSocket>> pending = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            String[] user = users.get(i % users.size());
            String ticket = JSON.readTree(post("/api/v1/ws/ticket", user[1], "").body()).get("ticket").asString();
            String url = node.replace("http", "ws") + "/ws?ticket=" + ticket;
            handshakes.acquire();
            CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().buildAsync(URI.create(url), listener())
                    .whenComplete((ws, error) -> handshakes.release());
            pending.add(socket);
        }
        for (CompletableFuture<WebSocket> socket : pending) {
            try {
                WebSocket ws = socket.get(30, TimeUnit.SECONDS);
                ws.sendText("{\"type\":\"resume\",\"dialogs\":{}}", true);
                sockets.add(ws);
            } catch (Exception e) {
                System.out.println("a session did not open: " + e);
            }
        }
        return sockets;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    long now = System.nanoTime();
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    String type = frame.get("type").asString();
                    if ("welcome".equals(type)) {
                        welcomed.incrementAndGet();
                    } else if ("message".equals(type)) {
                        Long start = sentAt.get(frame.get("messageId").asString());
                        if (start != null) {
                            synchronized (deliveries) {
                                deliveries.recordValue(now - start);
                            }
                        }
                    }
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    /** The node's heap in use after a full GC (asked with {@code jcmd} when the node's pid is given). */
    private double heapAfterGc(String pid) throws Exception {
        if (!pid.isBlank()) {
            new ProcessBuilder("jcmd", pid, "GC.run").inheritIO().start().waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(1_000);
        }
        return metric("jvm.memory.used", "?tag=area:heap");
    }

    private double metric(String name, String query) throws Exception {
        // the node's metrics need an authenticated caller: the admin's token
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + "/actuator/metrics/"
                + name + query)).header("Authorization", "Bearer " + adminToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Double.NaN;
        }
        return JSON.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
    }

    private String token(String path, String body, String bearer) throws Exception {
        return JSON.readTree(post(path, bearer, body).body()).get("accessToken").asString();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
