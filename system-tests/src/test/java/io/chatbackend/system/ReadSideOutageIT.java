package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chatbackend.platform.infra.RestartableServer;
import io.chatbackend.platform.testing.TestScratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Kafka outage and a Cassandra outage while messages are sent: the send path does not need either, and once they
 * are back the read side catches up with every acknowledged message exactly once, in order (G3, G4, G5). Kafka and
 * Cassandra here are servers of this test's own, stopped and started again for real.
 */
class ReadSideOutageIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(150);

    private static RestartableServer kafka;
    private static RestartableServer cassandra;
    private static SendStack stack;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestScratch.directory("outage-");
        kafka = RestartableServer.kafka(dir.resolve("kafka"));
        cassandra = RestartableServer.cassandra(dir.resolve("cassandra"));
        stack = SendStack.on(kafka.address(), cassandra.address());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (cassandra != null) {
            cassandra.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theReadSideCatchesUpAfterAKafkaAndACassandraOutageLosingAndDuplicatingNothing() throws Exception {
        String dialog = stack.group(alice, bob);
        List<JsonNode> acknowledged = new ArrayList<>();
        sendFive(dialog, "before", acknowledged);
        assertHistoryIs(dialog, acknowledged);

        kafka.stop();
        sendFive(dialog, "kafka-down", acknowledged);
        kafka.start();
        assertHistoryIs(dialog, acknowledged);

        cassandra.stop();
        sendFive(dialog, "cassandra-down", acknowledged);
        cassandra.start();
        assertHistoryIs(dialog, acknowledged);

        String last = acknowledged.get(acknowledged.size() - 1).get("messageId").asString();
        JsonNode message = null;
        for (int attempt = 0; attempt < 300 && message == null; attempt++) {
            var answer = stack.request("GET", stack.messages.baseUrl() + "/api/v1/messages/" + last, bob, null);
            if (answer.statusCode() == 200) {
                message = SendStack.JSON.readTree(answer.body());
            } else {
                Thread.sleep(500);
            }
        }
        assertThat(message).as("messages by id caught up too").isNotNull();
        assertThat(message.get("dialogSeq").asLong()).isEqualTo(15);
    }

    private void sendFive(String dialog, String phase, List<JsonNode> acknowledged) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            acknowledged.add(stack.sendAcknowledged(i % 2 == 0 ? alice : bob, dialog, phase + "-" + i));
        }
    }

    private void assertHistoryIs(String dialog, List<JsonNode> acknowledged) throws InterruptedException {
        List<JsonNode> history = stack.history(dialog, bob, acknowledged.size(), CATCH_UP);
        assertThat(history).as("every acknowledged message, once, without a hole").hasSize(acknowledged.size());
        // nothing beyond them either (a duplicate would need a dialogSeq of its own)
        var more = stack.request("GET", stack.dialogs.baseUrl() + "/api/v1/dialogs/" + dialog
                + "/messages?afterSeq=" + acknowledged.size(), bob, null);
        assertThat(SendStack.JSON.readTree(more.body()).get("items").size()).isZero();
        for (int i = 0; i < acknowledged.size(); i++) {
            JsonNode answer = acknowledged.get(i);
            JsonNode item = history.get((int) answer.get("dialogSeq").asLong() - 1);
            assertThat(item.get("messageId").asString()).isEqualTo(answer.get("messageId").asString());
            assertThat(item.get("senderSeq").asLong()).isEqualTo(answer.get("senderSeq").asLong());
        }
    }
}
