package io.chatbackend.tools.load;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends messages through the gateway of a running system and prints sends/s and acknowledge latency, for 1:1
 * dialogs and for one busy group. Users and tokens come from the admin provisioning endpoint.
 *
 * <pre>
 * SendLoadDriver [--gateway URL] [--admin NAME] [--admin-password PW] [--senders N] [--seconds S]
 * </pre>
 */
public final class SendLoadDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    private SendLoadDriver(String gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>(Map.of("--gateway", "http://127.0.0.1:8080",
                "--admin", "admin", "--senders", "16", "--seconds", "20"));
        // the administrator's password has no default: --admin-password, or the variable the run was started with
        String fromEnvironment = System.getenv("CHAT_UAA_ADMIN_PASSWORD");
        if (fromEnvironment != null) {
            options.put("--admin-password", fromEnvironment);
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--admin-password")) {
            System.err.println("--admin-password is required (or CHAT_UAA_ADMIN_PASSWORD in the environment)");
            System.exit(2);
        }
        SendLoadDriver driver = new SendLoadDriver(options.get("--gateway"));
        int senders = Integer.parseInt(options.get("--senders"));
        int seconds = Integer.parseInt(options.get("--seconds"));
        String admin = driver.login(options.get("--admin"), options.get("--admin-password"));
        List<User> users = driver.provision(admin, senders * 2);
        System.out.printf("machine: %d cores, load average %.2f before the run%n",
                Runtime.getRuntime().availableProcessors(), load());

        List<Runnable> direct = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            User sender = users.get(2 * i);
            String dialog = driver.createDirect(sender, users.get(2 * i + 1));
            direct.add(driver.sender(sender, dialog));
        }
        driver.run("1:1 dialogs (" + senders + " senders, one dialog each)", direct, seconds);

        String group = driver.createGroup(users.get(0), users.subList(1, senders));
        List<Runnable> busy = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            busy.add(driver.sender(users.get(i), group));
        }
        driver.run("one busy group (" + senders + " senders)", busy, seconds);

        List<Runnable> watched = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            User sender = users.get(2 * i);
            watched.add(driver.watchingSender(sender, driver.createDirect(sender, users.get(2 * i + 1))));
        }
        driver.run("projection lag (" + senders + " senders in 1:1 dialogs, each reads its message back)", watched,
                seconds);
        System.out.printf("projection lag (201 -> visible in the history read model): p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms over %d messages%n", driver.lags.getValueAtPercentile(50) / 1e6,
                driver.lags.getValueAtPercentile(99) / 1e6, driver.lags.getMaxValue() / 1e6,
                driver.lags.getTotalCount());
    }

    private record User(String userId, String token) {
    }

    private final Histogram latencies = new Histogram(60_000_000_000L, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private volatile long deadline;

    private final Histogram lags = new Histogram(60_000_000_000L, 3);

    /** Sends like {@link #sender}, and after each 201 polls the history until the message shows (read-side lag). */
    private Runnable watchingSender(User user, String dialog) {
        return () -> {
            while (System.nanoTime() < deadline) {
                UUID key = UUID.randomUUID();
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = post("/api/v1/dialogs/" + dialog + "/messages", user.token(),
                            "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"lag\"}}");
                    if (response.statusCode() != 201) {
                        retried.incrementAndGet();
                        continue;
                    }
                    long acknowledged = System.nanoTime();
                    synchronized (latencies) {
                        latencies.recordValue(acknowledged - start);
                    }
                    sent.incrementAndGet();
                    long dialogSeq = JSON.readTree(response.body()).get("dialogSeq").asLong();
                    while (System.nanoTime() - acknowledged < Duration.ofSeconds(30).toNanos()) {
                        HttpResponse<String> page = get("/api/v1/dialogs/" + dialog + "/messages?limit=1&afterSeq="
                                + (dialogSeq - 1), user.token());
                        if (page.statusCode() == 200 && JSON.readTree(page.body()).get("items").size() == 1) {
                            synchronized (lags) {
                                lags.recordValue(System.nanoTime() - acknowledged);
                            }
                            break;
                        }
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    retried.incrementAndGet();
                }
            }
        };
    }

    private Runnable sender(User user, String dialog) {
        return () -> {
            while (System.nanoTime() < deadline) {
                UUID key = UUID.randomUUID();
                long start = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> response = post("/api/v1/dialogs/" + dialog + "/messages", user.token(),
                                "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"load\"}}");
                        if (response.statusCode() == 201) {
                            synchronized (latencies) {
                                latencies.recordValue(System.nanoTime() - start);
                            }
                            sent.incrementAndGet();
                            break;
                        }
                        retried.incrementAndGet();
                    } catch (Exception e) {
                        retried.incrementAndGet();
                    }
                }
            }
        };
    }

    private void run(String name, List<Runnable> workers, int seconds) throws Exception {
        latencies.reset();
        sent.set(0);
        retried.set(0);
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        long begin = System.nanoTime();
        deadline = begin + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> running = new ArrayList<>();
        workers.forEach(worker -> running.add(pool.submit(worker)));
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - begin) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double rate = sent.get() / elapsed;
        System.out.printf("%s: %d sends in %.1f s = %.0f sends/s (%.0f per core); ack latency p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; %d retried answers (202/409/503); load average %.2f, "
                        + "machine CPU %.0f%%%n", name, sent.get(), elapsed, rate, rate / cores,
                latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6,
                latencies.getMaxValue() / 1e6, retried.get(), load(), cpu.getCpuLoad() * 100);
    }

    private String login(String name, String password) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", null, "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"deviceId\":\"load-driver\"}");
        require(response, 200);
        return JSON.readTree(response.body()).get("accessToken").asString();
    }

    private List<User> provision(String admin, int count) throws Exception {
        HttpResponse<String> response = post("/api/v1/admin/provision", admin, "{\"count\":" + count
                + ",\"usernamePrefix\":\"load\"}");
        require(response, 200);
        List<User> users = new ArrayList<>();
        for (JsonNode user : JSON.readTree(response.body())) {
            users.add(new User(user.get("userId").asString(), user.get("tokens").get("accessToken").asString()));
        }
        return users;
    }

    private String createDirect(User me, User peer) throws Exception {
        HttpResponse<String> response = post("/api/v1/dialogs", me.token(), "{\"type\":\"direct\",\"peerUserId\":\""
                + peer.userId() + "\"}");
        if (response.statusCode() != 200) { // 200: the pair's dialog exists already (a later scenario reuses it)
            require(response, 201);
        }
        return JSON.readTree(response.body()).get("dialogId").asString();
    }

    private String createGroup(User admin, List<User> members) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (User member : members) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(member.userId()).append('"');
        }
        HttpResponse<String> response = post("/api/v1/dialogs", admin.token(), "{\"type\":\"group\",\"title\":\"load\","
                + "\"memberIds\":[" + ids + "]}");
        require(response, 201);
        return JSON.readTree(response.body()).get("dialogId").asString();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
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

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
