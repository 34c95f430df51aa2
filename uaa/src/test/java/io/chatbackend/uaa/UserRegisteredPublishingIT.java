package io.chatbackend.uaa;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.uaa.contract.UserProfileChanged;
import io.chatbackend.uaa.contract.UserRegistered;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producer side of uaa's contract: a registration's {@code UserRegistered}, written to the outbox and relayed to
 * Kafka, has the shape of the frozen sample of its version and still reads as every earlier one
 * ({@link ContractSamples#checkPublished}: the same member names with the same JSON types, values aside), on the topic created at start and kept forever; a display-name
 * change's {@code UserProfileChanged} likewise, on the same topic and key.
 */
class UserRegisteredPublishingIT extends UaaIntegrationTest {

    private static final ContractSamples SAMPLES = ContractSamples.onClasspath();
    private static final IntegrationEventCodec CODEC = new IntegrationEventCodec();

    @LocalServerPort
    int port;
    @Autowired
    TopicNames topics;
    @Autowired
    JsonMapper json;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aRegistrationIsPublishedInTheShapeOfTheContractSample() throws Exception {
        String name = "pub" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                        + "\",\"password\":\"correct horse battery\",\"displayName\":\"Pub\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String userId = json.readTree(created.body()).get("userId").asString();

        ConsumerRecord<String, String> record = awaitRecord(topics.physical(UserRegistered.TOPIC), userId,
                UserRegistered.TYPE);
        JsonNode published = json.readTree(record.value());
        assertThat(SAMPLES.checkPublished(CODEC.decode(record.value()))).isEmpty();
        assertThat(published.get("type").asString()).isEqualTo(UserRegistered.TYPE);
        assertThat(published.get("version").asInt()).isEqualTo(UserRegistered.VERSION);
        assertThat(published.get("aggregateId").asString()).isEqualTo(userId);
        assertThat(published.get("payload").get("userId").asString()).isEqualTo(userId);
        assertThat(published.get("payload").get("username").asString()).isEqualTo(name);
        assertThat(new String(record.headers().lastHeader("type").value(), StandardCharsets.UTF_8))
                .isEqualTo(UserRegistered.TYPE);
        UserRegistered payload = json.treeToValue(published.get("payload"), UserRegistered.class);
        assertThat(payload.userId()).hasToString(userId);
        assertThat(payload.displayName()).isEqualTo("Pub");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC,
                    topics.physical(UserRegistered.TOPIC));
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("retention.ms").value()).as("kept forever").isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
        }
    }

    @Test
    void aDisplayNameChangeIsPublishedAfterTheRegistrationInTheShapeOfItsSample() throws Exception {
        String name = "ren" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("/api/v1/auth/register", null, "{\"username\":\"" + name
                + "\",\"password\":\"correct horse battery\"}", "POST");
        String userId = json.readTree(created.body()).get("userId").asString();
        String token = json.readTree(post("/api/v1/auth/login", null, "{\"username\":\"" + name
                + "\",\"password\":\"correct horse battery\",\"deviceId\":\"d\"}", "POST").body())
                .get("accessToken").asString();
        assertThat(post("/api/v1/users/me", token, "{\"displayName\":\"Renamed\"}", "PATCH").statusCode())
                .isEqualTo(200);

        ConsumerRecord<String, String> record = awaitRecord(topics.physical(UserRegistered.TOPIC), userId,
                UserProfileChanged.TYPE);
        JsonNode published = json.readTree(record.value());
        assertThat(SAMPLES.checkPublished(CODEC.decode(record.value()))).isEmpty();
        assertThat(published.get("version").asInt()).isEqualTo(UserProfileChanged.VERSION);
        UserProfileChanged payload = json.treeToValue(published.get("payload"), UserProfileChanged.class);
        assertThat(payload.userId()).hasToString(userId);
        assertThat(payload.displayName()).isEqualTo("Renamed");
        assertThat(payload.username()).isEqualTo(name);
    }

    private HttpResponse<String> post(String path, String token, String body, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, String key, String type) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && type.equals(new String(record.headers().lastHeader("type")
                            .value(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " on " + topic + " within 60 s");
    }
}
