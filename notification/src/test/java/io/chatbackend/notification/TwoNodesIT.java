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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two notification nodes on one deliveries topic: the consumer group splits the users' partitions between them,
 * each node pushes the deliveries of its own users, and nothing reaches a user twice. (A session opened on the node
 * that does not own its user's partition gets nothing live: the ticket must send clients to the owning node, see
 * ADR 0013.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoNodesIT {

    static final StubIdentityProvider IDENTITY = new StubIdentityProvider();
    static final DialogDomainStandIn DIALOGS = new DialogDomainStandIn();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "notification");
        IDENTITY.register(registry);
        registry.add("chat.services.dialog-domain", DIALOGS::baseUrl);
    }

    @AfterAll
    static void stopStandIns() {
        DIALOGS.close();
        IDENTITY.close();
    }

    @LocalServerPort
    int port;
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
    void twoNodesSplitTheUsersAndEachDeliversToItsOwn() throws Exception {
        try (ConfigurableApplicationContext second = startSecondNode()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            awaitBothNodesInTheDeliveryGroup();

            // one user per partition of the deliveries topic, so both nodes have users
            List<UUID> users = onePerPartition();
            UUID dialog = UUID.randomUUID();
            for (UUID user : users) {
                join(dialog, user);
            }
            Map<UUID, WsClient[]> sessions = new HashMap<>();
            for (UUID user : users) {
                WsClient[] pair = {open(port, user), open(secondPort, user)};
                for (WsClient client : pair) {
                    client.send("{\"type\":\"resume\",\"dialogs\":{}}");
                }
                sessions.put(user, pair);
            }
            Thread.sleep(500); // resumes answered: from here on everything is live
            List<IntegrationEvent> sent = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                sent.add(messageSent(DIALOGS.append(dialog, users.get(i % users.size()), "m" + i, false)));
            }
            publisher.publishAll(sent.stream().map(event -> new OutgoingEvent(MessageSent.TOPIC, dialog.toString(),
                    event)).toList());

            int[] deliveredBy = new int[2];
            for (UUID user : users) {
                WsClient[] pair = sessions.get(user);
                await().atMost(PATIENCE).until(() -> pair[0].messages().size() + pair[1].messages().size() >= 6);
            }
            Thread.sleep(500);
            for (UUID user : users) {
                WsClient[] pair = sessions.get(user);
                int owner = pair[0].messages().isEmpty() ? 1 : 0;
                assertThat(pair[1 - owner].messages()).as("the node that does not own the user's partition")
                        .isEmpty();
                assertThat(pair[owner].messages()).extracting(m -> m.get("dialogSeq").asLong())
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                deliveredBy[owner]++;
            }
            assertThat(deliveredBy[0]).as("users served by the first node").isPositive();
            assertThat(deliveredBy[1]).as("users served by the second node").isPositive();
            sessions.values().forEach(pair -> {
                pair[0].close();
                pair[1].close();
            });
        }
    }

    private ConfigurableApplicationContext startSecondNode() {
        List<String> shared = List.of("spring.kafka.bootstrap-servers", "chat.integration.topic-prefix",
                "chat.public-url", "chat.security.issuer", "chat.security.jwk-set-uri", "chat.services.uaa",
                "chat.services.dialog-domain");
        // command-line arguments: they take precedence over application.yml (builder properties would not)
        List<String> arguments = new ArrayList<>();
        shared.forEach(key -> arguments.add("--" + key + "=" + environment.getRequiredProperty(key)));
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(NotificationApplication.class).run(arguments.toArray(String[]::new));
    }

    private void awaitBothNodesInTheDeliveryGroup() {
        String group = names.physical("notification.node-deliveries");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == 2
                    && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        });
    }

    private static List<UUID> onePerPartition() {
        UUID[] found = new UUID[PARTITIONS];
        int missing = PARTITIONS;
        while (missing > 0) {
            UUID user = UUID.randomUUID();
            // Kafka's partitioner for keyed records
            int partition = Utils.toPositive(Utils.murmur2(user.toString().getBytes(StandardCharsets.UTF_8)))
                    % PARTITIONS;
            if (found[partition] == null) {
                found[partition] = user;
                missing--;
            }
        }
        return List.of(found);
    }

    private WsClient open(int nodePort, UUID user) throws Exception {
        return ContractEvents.open(nodePort, IDENTITY, user, "d");
    }

    private void join(UUID dialog, UUID user) {
        long joinedAtSeq = DIALOGS.join(dialog, user);
        publisher.publish(DialogTopics.DIALOGS, dialog.toString(),
                new ContractEvents(codec).memberJoined(dialog, user, joinedAtSeq)).join();
    }

    private IntegrationEvent messageSent(DialogDomainStandIn.Item item) {
        return new ContractEvents(codec).messageSent(item);
    }
}
