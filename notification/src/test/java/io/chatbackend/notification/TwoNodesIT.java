package io.chatbackend.notification;

import io.chatbackend.platform.testing.WsClient;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.StubIdentityProvider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two notification nodes on one deliveries topic (ADR 0013 "N nodes"): the consumer group splits the users'
 * partitions between them, each node registers its partitions and public URL in user-client's node registry (stood
 * in here), and a ticket asked at either node names the node that owns the user's partition, which alone accepts
 * it. A rebalance closes the sessions whose partition moved (4409 "moved"); when a node stops, the other takes all
 * partitions and tickets name it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TwoNodesIT {

    static final StubIdentityProvider IDENTITY = new StubIdentityProvider();
    static final DialogDomainStandIn DIALOGS = new DialogDomainStandIn();
    static final UserClientStandIn USERS = new UserClientStandIn();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;
    /** Fixed ports, so each node's public WebSocket URL (what tickets hand out) is known before it starts. */
    private static final int PORT_A = freePort();
    private static final int PORT_B = freePort();
    private static final String URL_A = "ws://127.0.0.1:" + PORT_A + "/ws";
    private static final String URL_B = "ws://127.0.0.1:" + PORT_B + "/ws";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Plain sockets the test opened: aborted at its end, so no open socket holds up a graceful shutdown. */
    private static final List<WsClient> RAW = new java.util.concurrent.CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "notification");
        IDENTITY.register(registry);
        registry.add("chat.services.dialog-domain", DIALOGS::baseUrl);
        registry.add("chat.services.user-client", USERS::baseUrl);
        registry.add("server.port", () -> PORT_A);
        registry.add("chat.notification.node-id", () -> "node-a");
        registry.add("chat.notification.public-ws-url", () -> URL_A);
    }

    @AfterAll
    static void stopStandIns() {
        DIALOGS.close();
        USERS.close();
        IDENTITY.close();
    }

    @Autowired
    Environment environment;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    TopicNames names;
    @Autowired
    Admin admin;

    @Test
    void twoNodesSplitTheUsersAndTicketsSendEachUserToTheNodeThatDeliversToIt() throws Exception {
        try (ConfigurableApplicationContext second = startSecondNode()) {
            awaitDeliveryGroupOf(2);
            Map<String, List<Integer>> owners = awaitRegistrySplit();

            // one user per partition of the deliveries topic, so both nodes have users
            List<UUID> users = onePerPartition();
            UUID dialog = UUID.randomUUID();
            for (UUID user : users) {
                join(dialog, user);
            }
            Map<UUID, WsClient> sessions = new HashMap<>();
            Set<String> servedBy = new java.util.HashSet<>();
            for (UUID user : users) {
                // every ticket is asked at the first node; its URL and node id are the owner's (once the first
                // node's briefly cached view of the registry is current)
                boolean ofB = owners.get("node-b").contains(partitionOf(user));
                String owner = ofB ? URL_B : URL_A;
                await().atMost(PATIENCE).until(() -> ticketAt(PORT_A, user).get("url").asString().equals(owner));
                JsonNode ticket = ticketAt(PORT_A, user);
                assertThat(nodeOf(ticket)).isEqualTo(ofB ? "node-b" : "node-a");
                servedBy.add(ticket.get("url").asString());
                WsClient client = connect(ticket);
                client.send("{\"type\":\"resume\",\"dialogs\":{}}");
                sessions.put(user, client);
            }
            assertThat(servedBy).as("users served by both nodes").containsExactlyInAnyOrder(URL_A, URL_B);
            Thread.sleep(500); // resumes answered: from here on everything is live
            List<IntegrationEvent> sent = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                sent.add(messageSent(DIALOGS.append(dialog, users.get(i % users.size()), "m" + i, false)));
            }
            publisher.publishAll(sent.stream().map(event -> new OutgoingEvent(MessageSent.TOPIC, dialog.toString(),
                    event)).toList());

            for (UUID user : users) {
                WsClient client = sessions.get(user);
                await().atMost(PATIENCE).until(() -> client.messages().size() >= 6);
                assertThat(client.messages()).extracting(m -> m.get("dialogSeq").asLong())
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            }
            sessions.values().forEach(WsClient::close);
        }
    }

    @Test
    void aRebalanceMovesSessionsAndTicketsFollowThePartitionsOwner() throws Exception {
        awaitDeliveryGroupOf(1);
        await().atMost(PATIENCE).until(() -> USERS.owners().getOrDefault("node-a", List.of()).size() == PARTITIONS);
        List<UUID> users = onePerPartition();
        UUID dialog = UUID.randomUUID();
        for (UUID user : users) {
            join(dialog, user);
        }
        // alone, the first node owns every partition: every session is on it
        Map<UUID, WsClient> closes = new HashMap<>();
        for (UUID user : users) {
            JsonNode ticket = ticketAt(PORT_A, user);
            assertThat(ticket.get("url").asString()).isEqualTo(URL_A);
            closes.put(user, openRaw(ticket));
        }

        UUID moved;
        try (ConfigurableApplicationContext second = startSecondNode()) {
            awaitDeliveryGroupOf(2);
            Map<String, List<Integer>> owners = awaitRegistrySplit();
            List<Integer> ofB = owners.get("node-b");
            moved = users.stream().filter(user -> ofB.contains(partitionOf(user))).findFirst().orElseThrow();
            UUID stayed = users.stream().filter(user -> !ofB.contains(partitionOf(user))).findFirst().orElseThrow();

            // the sessions whose partition went to the second node are closed: moved
            for (UUID user : users) {
                if (ofB.contains(partitionOf(user))) {
                    WsClient session = closes.get(user);
                    await().atMost(PATIENCE).until(session::isClosed);
                    assertThat(session.closeStatus() + " " + session.closeReason()).isEqualTo("4409 moved");
                }
            }
            assertThat(closes.get(stayed).isClosed()).as("a session whose partition stayed").isFalse();

            // a ticket asked at the first node names the second (URL and node id: once its cached view is current)
            await().atMost(PATIENCE).until(() -> ticketAt(PORT_A, moved).get("url").asString().equals(URL_B));
            JsonNode ticket = ticketAt(PORT_A, moved);
            assertThat(ticket.get("url").asString()).isEqualTo(URL_B);
            assertThat(nodeOf(ticket)).isEqualTo("node-b");
            // and the second node answers the same for it
            assertThat(ticketAt(PORT_B, moved).get("url").asString()).isEqualTo(URL_B);

            // refused at the first node, before any upgrade; still good at the node it names
            assertRefused(URL_A, ticket);
            try (WsClient client = connect(ticket)) {
                client.send("{\"type\":\"resume\",\"dialogs\":{}}");
                Thread.sleep(300); // the resume answered: what follows is live
                publish(dialog, DIALOGS.append(dialog, moved, "to the second node", true));
                await().atMost(PATIENCE).until(() -> !client.messages().isEmpty());
                assertThat(client.messages().get(0).get("body").get("text").asString())
                        .isEqualTo("to the second node");
            }
        }

        // the second node stops: the first takes every partition back, and tickets name it again
        awaitDeliveryGroupOf(1);
        await().atMost(PATIENCE).until(() -> ticketAt(PORT_A, moved).get("url").asString().equals(URL_A));
        JsonNode ticket = ticketAt(PORT_A, moved);
        assertThat(nodeOf(ticket)).isEqualTo("node-a");
        try (WsClient client = connect(ticket)) {
            client.send("{\"type\":\"resume\",\"dialogs\":{}}");
            await().atMost(PATIENCE).until(() -> client.messages().size() >= 1); // the earlier one, from history
            int before = client.messages().size();
            publish(dialog, DIALOGS.append(dialog, moved, "back on the first node", true));
            await().atMost(PATIENCE).until(() -> client.messages().size() > before);
            assertThat(client.messages().get(client.messages().size() - 1).get("body").get("text").asString())
                    .isEqualTo("back on the first node");
        }
        RAW.forEach(WsClient::abort);
    }

    private ConfigurableApplicationContext startSecondNode() {
        List<String> shared = List.of("spring.kafka.bootstrap-servers", "chat.integration.topic-prefix",
                "chat.public-url", "chat.security.issuer", "chat.security.jwk-set-uri", "chat.services.uaa",
                "chat.services.dialog-domain", "chat.services.user-client");
        // command-line arguments: they take precedence over application.yml (builder properties would not)
        List<String> arguments = new ArrayList<>();
        shared.forEach(key -> arguments.add("--" + key + "=" + environment.getRequiredProperty(key)));
        arguments.add("--server.port=" + PORT_B);
        arguments.add("--chat.notification.node-id=node-b");
        arguments.add("--chat.notification.public-ws-url=" + URL_B);
        return new SpringApplicationBuilder(NotificationApplication.class).run(arguments.toArray(String[]::new));
    }

    private void awaitDeliveryGroupOf(int nodes) {
        String group = names.physical("notification.node-deliveries");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == nodes
                    && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        });
    }

    /** Both nodes registered, sharing the partitions between them: the node registry after the rebalance. */
    private static Map<String, List<Integer>> awaitRegistrySplit() {
        await().atMost(PATIENCE).until(() -> {
            Map<String, List<Integer>> owners = USERS.owners();
            List<Integer> a = owners.getOrDefault("node-a", List.of());
            List<Integer> b = owners.getOrDefault("node-b", List.of());
            return !a.isEmpty() && !b.isEmpty() && a.size() + b.size() == PARTITIONS;
        });
        return USERS.owners();
    }

    private static List<UUID> onePerPartition() {
        UUID[] found = new UUID[PARTITIONS];
        int missing = PARTITIONS;
        while (missing > 0) {
            UUID user = UUID.randomUUID();
            if (found[partitionOf(user)] == null) {
                found[partitionOf(user)] = user;
                missing--;
            }
        }
        return List.of(found);
    }

    /** Kafka's partitioner for keyed records (the deliveries are keyed by the recipient's id). */
    private static int partitionOf(UUID user) {
        return Utils.toPositive(Utils.murmur2(user.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static JsonNode ticketAt(int port, UUID user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/ws/ticket")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + IDENTITY.userToken(user, "d")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** The node a ticket names (its last claim, base64url; see TicketSigner). */
    private static String nodeOf(JsonNode ticket) {
        String token = ticket.get("ticket").asString();
        String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String[] parts = claims.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[parts.length - 1]), StandardCharsets.UTF_8);
    }

    /** The WebSocket at the ticket's URL, up to its welcome. */
    private static WsClient connect(JsonNode ticket) throws Exception {
        WsClient client = WsClient.connect(ticket.get("url").asString() + "?ticket="
                + ticket.get("ticket").asString(), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.frames().isEmpty());
        return client;
    }

    private static void assertRefused(String url, JsonNode ticket) {
        assertThatThrownBy(() -> WsClient.connect(url + "?ticket=" + ticket.get("ticket").asString(), false))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    /** Opens a session (resumed with nothing) whose close status the test reads; aborted at the test's end. */
    private static WsClient openRaw(JsonNode ticket) throws Exception {
        WsClient opened = WsClient.connect(ticket.get("url").asString() + "?ticket=" + ticket.get("ticket").asString(),
                false);
        RAW.add(opened);
        return opened;
    }

    private void join(UUID dialog, UUID user) {
        long joinedAtSeq = DIALOGS.join(dialog, user);
        publisher.publish(DialogTopics.DIALOGS, dialog.toString(),
                new ContractEvents(codec).memberJoined(dialog, user, joinedAtSeq)).join();
    }

    private void publish(UUID dialog, DialogDomainStandIn.Item item) {
        publisher.publishAll(List.of(new OutgoingEvent(MessageSent.TOPIC, dialog.toString(), messageSent(item))));
    }

    private IntegrationEvent messageSent(DialogDomainStandIn.Item item) {
        return new ContractEvents(codec).messageSent(item);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
