package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.infra.Ports;
import io.chatbackend.platform.localrun.SystemSecrets;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.ServiceProcess;
import io.chatbackend.platform.testing.SharedInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as the local run wires it, every context a real process from its executable jar: uaa (real
 * identity: users register and log in through the gateway, services get their client-credentials tokens from it
 * with the default secrets and scopes), message-domain, dialog-domain, user-client, notification and the gateway,
 * on the build's shared PostgreSQL, Kafka and Cassandra with databases, keyspaces and a topic prefix of their own.
 * Clients use only the gateway's public API and WebSocket.
 */
final class ChatSystem implements AutoCloseable {

    static final String PASSWORD = "a fine password 1";
    /** The first administrator, created by uaa at start (reads the nodes' metrics). */
    static final String OPERATOR = "operator";

    /** A registered account. */
    record Account(UUID userId, String username) {
    }

    /** One device's login: tokens carrying {@code did = deviceId}. */
    record Login(Account account, String deviceId, String accessToken, String refreshToken) {
        UUID userId() {
            return account.userId();
        }
    }

    final ServiceProcess uaa;
    final ServiceProcess dialogs;
    final ServiceProcess messages;
    final ServiceProcess userClient;
    final ServiceProcess notification;
    final ServiceProcess gateway;
    /** Each context's own PostgreSQL database: service → JDBC URL (the build's superuser reads them all). */
    final Map<String, String> databases;
    /** Each context's own Cassandra keyspace: service → keyspace. */
    final Map<String, String> keyspaces;
    /** Each audited context's checkpoint key (CHAT_AUDIT_CHECKPOINT_KEY): service → key, as an auditor holds it. */
    final Map<String, String> checkpointKeys;
    /** Prefixes every topic and consumer group of this system ({@code chat.integration.topic-prefix}). */
    final String topicPrefix;

    private ChatSystem(Map<String, ServiceProcess> started, Map<String, String> databases,
                       Map<String, String> keyspaces, Map<String, String> checkpointKeys, String topicPrefix) {
        this.topicPrefix = topicPrefix;
        this.databases = Map.copyOf(databases);
        this.checkpointKeys = Map.copyOf(checkpointKeys);
        this.keyspaces = Map.copyOf(keyspaces);
        uaa = started.get("uaa");
        dialogs = started.get("dialog-domain");
        messages = started.get("message-domain");
        userClient = started.get("user-client");
        notification = started.get("notification");
        gateway = started.get("api-gateway");
    }

    /**
     * The lock every test class using {@link #shared()} holds: the system test classes run two at a time (most of
     * their time is spent waiting on servers), but the classes sharing this system run one after another, since some
     * stop and restart its processes.
     */
    static final String SHARED = "chat-system";

    private static ChatSystem shared;

    /**
     * One system for every test class that only uses it (started on first use, stopped when the test JVM ends):
     * each start costs about a minute of CI.
     */
    static synchronized ChatSystem shared() {
        if (shared == null) {
            shared = start();
            ChatSystem started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "chat-system-stop"));
        }
        return shared;
    }

    /**
     * Starts the six processes at once (each waits for its own dependencies lazily, as in the local run) and
     * answers when every one is ready.
     */
    static ChatSystem start() {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        Path root = Path.of(System.getProperty("chat.root", ".."));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : List.of("api-gateway", "uaa", "message-domain", "dialog-domain", "user-client",
                "notification")) {
            ports.put(service, Ports.freePort());
        }
        String publicUrl = "http://127.0.0.1:" + ports.get("api-gateway");
        String topicPrefix = IsolatedData.uniqueName("sys_live") + ".";
        List<String> common = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--spring.cassandra.contact-points=" + endpoints.cassandraHost() + ":" + endpoints.cassandraPort(),
                "--spring.cassandra.local-datacenter=" + endpoints.cassandraLocalDatacenter(),
                "--chat.integration.topic-prefix=" + topicPrefix,
                // UAA's issuer and the audience every service checks: the gateway's public origin, as in the local run
                "--chat.public-url=" + publicUrl,
                // signed audit checkpoints every second (30 s by default), so the audit tests need not wait
                "--chat.audit.checkpoint-interval=PT1S"));
        ports.forEach((service, port) -> common.add("--chat.services." + service + "=http://127.0.0.1:" + port));

        Map<String, String> keyspaces = Map.of("dialog-domain", IsolatedData.uniqueName("sys_dialog"),
                "message-domain", IsolatedData.uniqueName("sys_message"));
        Map<String, List<String>> arguments = new LinkedHashMap<>();
        arguments.put("uaa", List.of("--spring.datasource.url=" + IsolatedData.newDatabase("sys_uaa"),
                // every test logs in many devices from one address; the throttles are UaaAuthIT's business
                "--chat.uaa.throttle.attempts-per-source-per-minute=100000",
                "--chat.uaa.throttle.registrations-per-source-per-minute=100000",
                "--chat.uaa.admin.username=" + OPERATOR, "--chat.uaa.admin.password=" + PASSWORD));
        arguments.put("dialog-domain", List.of("--spring.datasource.url=" + IsolatedData.newDatabase("sys_dialog"),
                "--spring.cassandra.keyspace-name=" + keyspaces.get("dialog-domain"),
                "--chat.dialog.lane-sweep-interval=PT0.5S"));
        arguments.put("message-domain", List.of("--spring.datasource.url=" + IsolatedData.newDatabase("sys_message"),
                "--spring.cassandra.keyspace-name=" + keyspaces.get("message-domain"),
                "--chat.message.recovery-age=PT1S", "--chat.message.recovery-interval=PT0.5S"));
        arguments.put("user-client", List.of("--spring.datasource.url=" + IsolatedData.newDatabase("sys_userclient"),
                // the tests' push receiver listens on 127.0.0.1 (SSRF checks would refuse it otherwise)
                "--chat.user-client.push-allow-private-networks=true"));
        // a device that stops reading overflows its session's queue after 32 frames (256 by default) and 32 KB
        // per hop of kernel send buffers (256 KB by default): the overflow test fills them with fewer sends
        arguments.put("notification", List.of("--chat.notification.push-allow-private-networks=true",
                "--chat.notification.session-queue-size=32", "--chat.notification.socket-send-buffer=32KB"));
        arguments.put("api-gateway", List.of("--chat.gateway.socket-send-buffer=32KB"));

        // generated for this stack and passed in the environment, as the local run does
        Map<String, String> databases = new LinkedHashMap<>();
        arguments.forEach((service, own) -> own.stream().filter(a -> a.startsWith("--spring.datasource.url="))
                .forEach(a -> databases.put(service, a.substring("--spring.datasource.url=".length()))));
        SystemSecrets secrets = Stacks.secrets(databases);
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        arguments.keySet().forEach(service -> environments.put(service, secrets.environmentOf(service)));
        ExecutorService starters = Executors.newFixedThreadPool(arguments.size());
        Map<String, Future<ServiceProcess>> starting = new LinkedHashMap<>();
        arguments.forEach((service, own) -> {
            List<String> all = new ArrayList<>(common);
            all.addAll(own);
            starting.put(service, starters.submit(() -> ServiceProcess.start(service,
                    root.resolve(service + "/target/" + service + "-exec.jar"), ports.get(service), all,
                    environments.get(service))));
        });
        starters.shutdown();
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (var entry : starting.entrySet()) {
            try {
                started.put(entry.getKey(), entry.getValue().get());
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException(entry.getKey() + " did not start", e) : failure;
            }
        }
        if (failure != null) {
            started.values().forEach(ServiceProcess::stop);
            throw failure;
        }
        Map<String, String> checkpointKeys = new LinkedHashMap<>();
        environments.forEach((service, environment) -> {
            String key = environment.get("CHAT_AUDIT_CHECKPOINT_KEY");
            if (key != null) {
                checkpointKeys.put(service, key);
            }
        });
        return new ChatSystem(started, databases, keyspaces, checkpointKeys, topicPrefix);
    }

    String url(String path) {
        return gateway.baseUrl() + path;
    }

    HttpResponse<String> call(String method, String path, String token, String body) {
        return Api.call(method, url(path), token, body);
    }

    /** A new account through {@code POST /api/v1/auth/register}. */
    Account register() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        JsonNode created = Api.json(call("POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
        return new Account(UUID.fromString(created.get("userId").asString()), name);
    }

    /** The administrator's login (role ADMIN), e.g. for a node's metrics. */
    Login operator() {
        return login(new Account(null, OPERATOR), "console");
    }

    /** A counter or gauge of the (first) notification node, read from its actuator as an administrator. */
    double notificationMetric(Login operator, String name) {
        JsonNode metric = Api.json(Api.call("GET", notification.baseUrl() + "/actuator/metrics/" + name,
                operator.accessToken(), null), 200);
        return metric.get("measurements").get(0).get("value").asDouble();
    }

    /** Logs a device in through {@code POST /api/v1/auth/login}. */
    Login login(Account account, String deviceId) {
        JsonNode tokens = Api.json(call("POST", "/api/v1/auth/login", null, "{\"username\":\"" + account.username()
                + "\",\"password\":\"" + PASSWORD + "\",\"deviceId\":\"" + deviceId + "\"}"), 200);
        return new Login(account, deviceId, tokens.get("accessToken").asString(),
                tokens.get("refreshToken").asString());
    }

    HttpResponse<String> refresh(String refreshToken) {
        return call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    String createGroup(Login admin, Account... members) {
        String ids = java.util.Arrays.stream(members).map(member -> "\"" + member.userId() + "\"")
                .collect(Collectors.joining(","));
        return Api.json(call("POST", "/api/v1/dialogs", admin.accessToken(),
                "{\"type\":\"group\",\"title\":\"system\",\"memberIds\":[" + ids + "]}"), 201)
                .get("dialogId").asString();
    }

    String createDirect(Login me, Account peer) {
        HttpResponse<String> created = call("POST", "/api/v1/dialogs", me.accessToken(),
                "{\"type\":\"direct\",\"peerUserId\":\"" + peer.userId() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        return Api.JSON.readTree(created.body()).get("dialogId").asString();
    }

    /** Sends through the gateway until acknowledged (retrying with the same key) and answers the 201 body. */
    JsonNode send(Login sender, String dialog, String text) {
        return Api.sendUntilAcknowledged(key -> call("POST", "/api/v1/dialogs/" + dialog + "/messages",
                sender.accessToken(), "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\""
                        + text + "\"}}"));
    }

    /** The dialog's history through the gateway once it holds {@code expected} messages (see Api.denseHistory). */
    List<JsonNode> history(Login viewer, String dialog, int expected, Duration patience) {
        return historyAfter(viewer, dialog, 0, expected, patience);
    }

    /** The {@code expected} messages after {@code afterSeq} through the gateway, once it holds them without a hole. */
    List<JsonNode> historyAfter(Login viewer, String dialog, long afterSeq, int expected, Duration patience) {
        return Api.denseHistoryAfter(after -> call("GET", "/api/v1/dialogs/" + dialog + "/messages?limit=100&afterSeq="
                + after, viewer.accessToken(), null), afterSeq, expected, patience);
    }

    /** My inbox entry of {@code dialog} (null if absent). */
    JsonNode inboxEntry(Login viewer, String dialog) {
        JsonNode inbox = Api.json(call("GET", "/api/v1/dialogs", viewer.accessToken(), null), 200);
        for (JsonNode entry : inbox.get("items")) {
            if (dialog.equals(entry.get("dialogId").asString())) {
                return entry;
            }
        }
        return null;
    }

    HttpResponse<String> ticket(String accessToken) {
        return call("POST", "/api/v1/ws/ticket", accessToken, "");
    }

    /**
     * A ticket through the gateway, the WebSocket it names (the gateway's {@code /ws}), the {@code welcome}, then
     * {@code resume} with what the device holds ({@code dialogId → last dialogSeq}; empty = nothing).
     */
    DeviceSocket connect(Login device, Map<String, Long> holds) throws Exception {
        DeviceSocket socket = open(device, device.accessToken());
        socket.await("welcome", 1, Duration.ofSeconds(30));
        socket.send(resumeFrame(holds));
        return socket;
    }

    /**
     * Starts a second notification node on the same stores and topics, answering its own public WebSocket URL (scale
     * mode: tickets asked through the gateway send the devices of the users it owns straight to it).
     */
    ServiceProcess startSecondNotificationNode() {
        int port = Ports.freePort();
        List<String> arguments = new ArrayList<>(notification.arguments());
        arguments.add("--chat.notification.public-ws-url=ws://127.0.0.1:" + port + "/ws");
        Path jar = Path.of(System.getProperty("chat.root", "..")).resolve("notification/target/notification-exec.jar");
        return ServiceProcess.start("notification-2", jar, port, arguments, notification.environment());
    }

    /** A ticket through the gateway and the socket at whatever URL it names, then {@code resume} with nothing. */
    DeviceSocket connectWherever(Login device) throws Exception {
        return connectWherever(device, Map.of());
    }

    /** As {@link #connectWherever(Login)}, resuming with what the device holds ({@code dialogId → dialogSeq}). */
    DeviceSocket connectWherever(Login device, Map<String, Long> holds) throws Exception {
        JsonNode ticket = Api.json(ticket(device.accessToken()), 201);
        DeviceSocket socket = DeviceSocket.open(device.account().username() + "/" + device.deviceId(),
                ticket.get("url").asString() + "?ticket=" + ticket.get("ticket").asString());
        socket.await("welcome", 1, Duration.ofSeconds(30));
        socket.send(resumeFrame(holds));
        return socket;
    }

    private static String resumeFrame(Map<String, Long> holds) {
        return "{\"type\":\"resume\",\"dialogs\":{" + holds.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",")) + "}}";
    }

    /** Just the ticket and the socket (no resume), with whatever access token is given. */
    DeviceSocket open(Login device, String accessToken) throws Exception {
        JsonNode ticket = Api.json(ticket(accessToken), 201);
        String url = ticket.get("url").asString();
        assertThat(url).as("tickets name the gateway's WebSocket in the local topology")
                .isEqualTo(gateway.baseUrl().replace("http://", "ws://") + "/ws");
        return DeviceSocket.open(device.account().username() + "/" + device.deviceId(),
                url + "?ticket=" + ticket.get("ticket").asString());
    }

    @Override
    public void close() {
        for (ServiceProcess process : List.of(gateway, notification, userClient, messages, dialogs, uaa)) {
            process.stop();
        }
    }
}
