package io.chatbackend.tools.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket figures, taken at the notification node (DESIGN.md §9), in three phases against a running local system:
 * <ol>
 *   <li>idle sessions: opens many mostly idle sessions (tickets through the gateway, sockets straight to the node)
 *       and reports the node's heap per session after a full GC and its CPU per session while idle, then send →
 *       delivery latency to live sessions of a small group;</li>
 *   <li>a large group ({@code --group-size}): one session per member; for each message, the time until every live
 *       member's session has it;</li>
 *   <li>a reconnect storm ({@code --storm-messages}): the group's sessions disconnect, that many messages are sent,
 *       and every session reconnects at once with {@code resume}; the time until each has recovered all of them.</li>
 * </ol>
 * One process stays below the 20,000-descriptor cap (sessions + group size); run several for more sessions.
 */
@Command(name = "bench-ws", mixinStandardHelpOptions = true,
        description = "WebSocket benchmark at the notification node: idle sessions, large-group fan-out, reconnect storm.")
public final class WebSocketLoadDriver implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/<pid>/stat on Linux

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", description = "gateway base URL")
    String gateway;
    @Option(names = "--node", defaultValue = "http://127.0.0.1:8085", description = "notification node base URL")
    String node;
    @Option(names = "--node-pid", description = "the node's process id: full GC before heap readings, CPU from /proc")
    String nodePid;
    @Option(names = "--admin", defaultValue = "admin")
    String admin;
    @Option(names = "--admin-password", required = true, defaultValue = "${env:CHAT_UAA_ADMIN_PASSWORD}",
            description = "the administrator's password (default: $CHAT_UAA_ADMIN_PASSWORD)")
    String adminPassword;
    @Option(names = "--users", defaultValue = "100", description = "users holding the idle sessions")
    int users;
    @Option(names = "--sessions", defaultValue = "2000", description = "idle sessions (phase 1)")
    int sessions;
    @Option(names = "--hold-seconds", defaultValue = "15", description = "idle window for heap and CPU readings")
    int holdSeconds;
    @Option(names = "--messages", defaultValue = "50", description = "messages to a 10-member group (phase 1)")
    int messages;
    @Option(names = "--group-size", defaultValue = "0", description = "members of the large group (0 skips phase 2)")
    int groupSize;
    @Option(names = "--group-messages", defaultValue = "10", description = "messages to the large group")
    int groupMessages;
    @Option(names = "--storm-messages", defaultValue = "0",
            description = "messages missed by every group session before they all reconnect (0 skips phase 3)")
    int stormMessages;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Messages sent in the current phase: when their send started. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, MessageReach> reach = new ConcurrentHashMap<>();
    /** Arrival times of frames whose send was not yet acknowledged to the driver; guarded by {@code deliveries}. */
    private final Map<String, List<Long>> early = new HashMap<>();
    private final Histogram deliveries = new Histogram(120_000_000_000L, 3);
    private final AtomicInteger welcomed = new AtomicInteger();
    private String adminToken;

    public static void main(String[] args) {
        int exit = new CommandLine(new WebSocketLoadDriver()).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                load());
        adminToken = JSON.readTree(post("/api/v1/auth/login", null, "{\"username\":\"" + admin
                + "\",\"password\":\"" + adminPassword + "\",\"deviceId\":\"ws-driver\"}").body())
                .get("accessToken").asString();
        List<String[]> idleUsers = provision(users, "ws");
        idleSessions(idleUsers);
        if (groupSize > 1) {
            List<String[]> members = provision(groupSize, "wg");
            List<Session> groupSessions = largeGroup(members);
            if (stormMessages > 0) {
                reconnectStorm(members, groupSessions);
            }
        }
        return 0;
    }

    // ---- phase 1: idle sessions, heap and CPU per session, latency to a small group ----

    private void idleSessions(List<String[]> idleUsers) throws Exception {
        double heapBefore = heapAfterGc();
        double cpuBefore = cpuSecondsOver(holdSeconds); // the node's own idle cost, to subtract
        List<Session> open = open(idleUsers, sessions, null);
        Thread.sleep(Duration.ofSeconds(holdSeconds).toMillis());
        double heapAfter = heapAfterGc();
        double cpuWith = cpuSecondsOver(holdSeconds);
        double live = metric("notification.sessions.live", "");
        System.out.printf("idle sessions: %d opened (%d welcomed), node reports %.0f live; node heap after GC "
                        + "%.1f MiB -> %.1f MiB = %.1f KiB per session; load average %.2f%n", open.size(),
                welcomed.get(), live, heapBefore / 1048576, heapAfter / 1048576,
                (heapAfter - heapBefore) / 1024 / Math.max(1, open.size()), load());
        if (!Double.isNaN(cpuWith)) {
            System.out.printf("idle CPU at the node over %d s: %.3f s without the sessions, %.3f s with them = "
                            + "%.2f µs of CPU per session per second (%.2f%% of one core per 10,000 sessions)%n",
                    holdSeconds, cpuBefore, cpuWith,
                    (cpuWith - cpuBefore) / holdSeconds / Math.max(1, open.size()) * 1e6,
                    (cpuWith - cpuBefore) / holdSeconds / Math.max(1, open.size()) * 10_000 * 100);
        }

        // send -> delivery: one sender, a group of the next 9 users, whose sessions all receive every message
        String dialog = createGroup(idleUsers.get(0), idleUsers.subList(1, Math.min(10, idleUsers.size())), "ws");
        for (int i = 0; i < messages; i++) {
            send(idleUsers.get(0), dialog);
            Thread.sleep(100);
        }
        Thread.sleep(5_000);
        System.out.printf("send -> delivery to live sessions: %d deliveries of %d messages, p50 %.1f ms, p99 %.1f "
                        + "ms, max %.1f ms; load average %.2f%n", deliveries.getTotalCount(), messages,
                percentile(50), percentile(99), deliveries.getMaxValue() / 1e6, load());
        open.forEach(Session::close);
        Thread.sleep(1_000);
    }

    // ---- phase 2: a large group ----

    private List<Session> largeGroup(List<String[]> members) throws Exception {
        String[] sender = members.get(0);
        List<String[]> recipients = members.subList(1, members.size());
        long created = System.nanoTime();
        String dialog = createGroup(sender, recipients.subList(0, Math.min(999, recipients.size())), "large");
        for (int from = 999; from < recipients.size(); from += 1_000) {
            addMembers(sender, dialog, recipients.subList(from, Math.min(recipients.size(), from + 1_000)));
        }
        System.out.printf("large group: %d members created in %.1f s%n", members.size(),
                (System.nanoTime() - created) / 1e9);
        List<Session> open = open(recipients, recipients.size(), dialog);
        awaitQuiet(open, Duration.ofSeconds(30));
        resetFigures();
        for (int i = 0; i < groupMessages; i++) {
            send(sender, dialog);
            Thread.sleep(1_000);
        }
        awaitReach(open.size(), Duration.ofSeconds(60));
        List<Double> allReached = new ArrayList<>();
        long complete = reach.values().stream().filter(r -> r.count.get() >= open.size()).count();
        reach.values().forEach(r -> allReached.add(r.last.get() / 1e6));
        allReached.sort(Double::compare);
        System.out.printf("large group fan-out: %d messages to %d members with %d live sessions: %d deliveries "
                        + "(expected %d), %d messages reached every session; per delivery p50 %.1f ms, p99 %.1f ms; "
                        + "message -> all live members reached: median %.1f ms, worst %.1f ms; load average %.2f%n",
                groupMessages, members.size(), open.size(), deliveries.getTotalCount(),
                (long) groupMessages * open.size(), complete, percentile(50), percentile(99),
                allReached.isEmpty() ? Double.NaN : allReached.get(allReached.size() / 2),
                allReached.isEmpty() ? Double.NaN : allReached.get(allReached.size() - 1), load());
        return open;
    }

    // ---- phase 3: reconnect storm ----

    private void reconnectStorm(List<String[]> members, List<Session> groupSessions) throws Exception {
        String dialog = groupSessions.get(0).dialog;
        Map<String, Long> lastSeen = new ConcurrentHashMap<>();
        for (Session session : groupSessions) {
            lastSeen.merge(session.userId, session.lastDialogSeq.get(), Math::min);
            session.close();
        }
        Thread.sleep(2_000);
        for (int i = 0; i < stormMessages; i++) {
            send(members.get(0), dialog);
        }
        Thread.sleep(2_000); // let the read model take the last ones: the storm measures recovery, not lag
        List<Session> back = new ArrayList<>();
        for (String[] recipient : members.subList(1, members.size())) {
            Session session = new Session(recipient, dialog);
            session.expect(stormMessages);
            back.add(session);
        }
        long start = System.nanoTime();
        connectAll(back, session -> "{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":"
                + lastSeen.getOrDefault(session.userId, 0L) + "}}", 256);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (back.stream().anyMatch(s -> !s.failed && s.recoveredAt.get() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Histogram recovery = new Histogram(600_000_000_000L, 3);
        long recovered = 0;
        for (Session session : back) {
            if (session.recoveredAt.get() > 0) {
                recovery.recordValue(session.recoveredAt.get() - start);
                recovered++;
            }
        }
        System.out.printf("reconnect storm: %d sessions reconnected at once, each missing %d messages: %d recovered "
                        + "all (%d failed to connect); time to recover p50 %.1f s, p99 %.1f s, all %.1f s; load "
                        + "average %.2f%n", back.size(), stormMessages, recovered,
                back.stream().filter(s -> s.failed).count(), recovery.getValueAtPercentile(50) / 1e9,
                recovery.getValueAtPercentile(99) / 1e9, recovery.getMaxValue() / 1e9, load());
        back.forEach(Session::close);
        Thread.sleep(1_000);
    }

    // ---- sessions ----

    /** Opens {@code count} sessions over the users (round robin), each resumed with nothing. */
    private List<Session> open(List<String[]> owners, int count, String dialog) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(new Session(owners.get(i % owners.size()), dialog));
        }
        connectAll(sessions, session -> "{\"type\":\"resume\",\"dialogs\":{}}", 32);
        List<Session> open = sessions.stream().filter(session -> !session.failed).toList();
        if (open.size() < count) {
            System.out.printf("%d sessions did not open%n", count - open.size());
        }
        return open;
    }

    /**
     * Connects every session as a client would: a ticket through the gateway, the socket to the node, then its
     * {@code resume}; {@code parallel} clients at a time (tickets live 30 s, so each is asked right before use).
     * A session that fails is marked {@link Session#failed}.
     */
    private void connectAll(List<Session> sessions, java.util.function.Function<Session, String> resume, int parallel)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        for (Session session : sessions) {
            pool.execute(() -> {
                try {
                    String ticket = JSON.readTree(post("/api/v1/ws/ticket", session.token, "").body())
                            .get("ticket").asString();
                    http.newWebSocketBuilder().buildAsync(URI.create(wsUrl(ticket)), session)
                            .get(60, TimeUnit.SECONDS).sendText(resume.apply(session), true);
                } catch (Exception e) {
                    if (!session.failed) {
                        System.out.println("a session did not open: " + e);
                    }
                    session.failed = true;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    private String wsUrl(String ticket) {
        return node.replace("http", "ws") + "/ws?ticket=" + ticket;
    }

    /** Waits until no session received anything for a second (resumes done), at most {@code patience}. */
    private static void awaitQuiet(List<Session> sessions, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            long newest = sessions.stream().mapToLong(s -> s.lastFrameAt.get()).max().orElse(0);
            if (System.nanoTime() - newest > 1_000_000_000L) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private void awaitReach(int sessions, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (reach.values().stream().anyMatch(r -> r.count.get() < sessions) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private void resetFigures() {
        synchronized (deliveries) {
            sentAt.clear();
            reach.clear();
            early.clear();
            deliveries.reset();
        }
    }

    /**
     * A message frame arrived. Its latency counts from the first attempt of its send; a frame can arrive before the
     * sender has its 201 (the send was retried after a 202, or the answer was slow), so it waits for it in
     * {@link #early}.
     */
    private void arrived(String messageId, long at) {
        synchronized (deliveries) {
            Long start = sentAt.get(messageId);
            if (start == null) {
                early.computeIfAbsent(messageId, id -> new ArrayList<>()).add(at);
            } else {
                record(messageId, at - start);
            }
        }
    }

    private void acknowledged(String messageId, long start) {
        synchronized (deliveries) {
            sentAt.put(messageId, start);
            List<Long> before = early.remove(messageId);
            if (before != null) {
                before.forEach(at -> record(messageId, at - start));
            }
        }
    }

    private void record(String messageId, long latency) {
        deliveries.recordValue(Math.min(Math.max(latency, 0), deliveries.getHighestTrackableValue()));
        MessageReach r = reach.computeIfAbsent(messageId, id -> new MessageReach());
        r.count.incrementAndGet();
        r.last.accumulateAndGet(latency, Math::max);
    }

    private double percentile(double percentile) {
        synchronized (deliveries) {
            return deliveries.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** How far one message got: sessions that have it, and the latency of the last of them. */
    private static final class MessageReach {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong last = new AtomicLong();
    }

    /** One client session: records deliveries of messages sent by this driver and what it has of its dialog. */
    private final class Session implements WebSocket.Listener {
        final String userId;
        final String token;
        final String dialog;
        final AtomicLong lastDialogSeq = new AtomicLong();
        final AtomicLong lastFrameAt = new AtomicLong(System.nanoTime());
        final AtomicLong recoveredAt = new AtomicLong();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile int expected = -1;
        private int received;
        volatile boolean failed;

        Session(String[] owner, String dialog) {
            this.userId = owner[0];
            this.token = owner[1];
            this.dialog = dialog;
        }

        /** Counts the next {@code count} message frames of the dialog and notes when the last of them arrived. */
        void expect(int count) {
            expected = count;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                lastFrameAt.set(now);
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                String type = frame.path("type").asString("");
                if ("welcome".equals(type)) {
                    welcomed.incrementAndGet();
                } else if ("message".equals(type)) {
                    if (frame.path("dialogId").asString("").equals(dialog)) {
                        lastDialogSeq.accumulateAndGet(frame.path("dialogSeq").asLong(), Math::max);
                        if (expected > 0 && ++received == expected) {
                            recoveredAt.set(now);
                        }
                    }
                    arrived(frame.path("messageId").asString(""), now);
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            WebSocket open = socket;
            if (open != null) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    // ---- the system's API ----

    /** Provisions users through UAA's admin API (at most 1,000 per call): {userId, accessToken}. */
    private List<String[]> provision(int count, String prefix) throws Exception {
        List<String[]> provisioned = new ArrayList<>();
        while (provisioned.size() < count) {
            int batch = Math.min(1_000, count - provisioned.size());
            HttpResponse<String> answer = post("/api/v1/admin/provision", adminToken, "{\"count\":" + batch
                    + ",\"usernamePrefix\":\"" + prefix + "\"}");
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("provisioning answered " + answer.statusCode() + ": " + answer.body());
            }
            JSON.readTree(answer.body()).forEach(user -> provisioned.add(new String[] {
                    user.get("userId").asString(), user.get("tokens").get("accessToken").asString()}));
        }
        return provisioned;
    }

    private String createGroup(String[] creator, List<String[]> others, String title) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (String[] member : others) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(member[0]).append('"');
        }
        HttpResponse<String> created = post("/api/v1/dialogs", creator[1], "{\"type\":\"group\",\"title\":\""
                + title + "\",\"memberIds\":[" + ids + "]}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the group was not created: " + created.statusCode() + " "
                    + created.body());
        }
        return JSON.readTree(created.body()).get("dialogId").asString();
    }

    /** Adds members (at most 1,000 per call, as the API allows). */
    private void addMembers(String[] admin, String dialog, List<String[]> members) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (String[] member : members) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(member[0]).append('"');
        }
        HttpResponse<String> added = post("/api/v1/dialogs/" + dialog + "/members", admin[1],
                "{\"userIds\":[" + ids + "]}");
        if (added.statusCode() / 100 != 2) {
            throw new IllegalStateException("members were not added: " + added.statusCode() + " " + added.body());
        }
    }

    /** Sends one message (retrying busy answers with the same key) and notes when its send started. */
    private void send(String[] sender, String dialog) throws Exception {
        UUID key = UUID.randomUUID();
        long start = System.nanoTime();
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> answer = post("/api/v1/dialogs/" + dialog + "/messages", sender[1],
                    "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"ws\"}}");
            if (answer.statusCode() == 201) {
                acknowledged(JSON.readTree(answer.body()).get("messageId").asString(), start);
                return;
            }
            Thread.sleep(50);
        }
        System.out.println("a send was not acknowledged after 50 attempts");
    }

    /** The node's heap in use after a full GC (asked with {@code jcmd} when the node's pid is given). */
    private double heapAfterGc() throws Exception {
        if (nodePid != null && !nodePid.isBlank()) {
            new ProcessBuilder("jcmd", nodePid, "GC.run").inheritIO().start().waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(1_000);
        }
        return metric("jvm.memory.used", "?tag=area:heap");
    }

    /** CPU seconds the node's process used during the next {@code seconds} (NaN without its pid). */
    private double cpuSecondsOver(int seconds) throws Exception {
        if (nodePid == null || nodePid.isBlank()) {
            return Double.NaN;
        }
        long before = cpuTicks();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        return (cpuTicks() - before) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** utime + stime of the node from /proc/&lt;pid&gt;/stat (fields 14 and 15, after the command's parentheses). */
    private long cpuTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc", nodePid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
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
