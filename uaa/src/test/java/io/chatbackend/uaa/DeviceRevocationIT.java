package io.chatbackend.uaa;

import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer side of user-client's contract: a {@code DeviceRevoked} (published from user-client-contract's sample,
 * with unknown members added) revokes that device's refresh tokens, so it cannot refresh; the user's other devices
 * are unaffected, also when the event is delivered again, and a later login naming the revoked device id is refused.
 */
class DeviceRevocationIT extends UaaIntegrationTest {


    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    TopicNames topics;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRevokedDeviceCannotRefreshOrLogInAgainWhileOtherDevicesCan() throws Exception {
        String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        assertThat(post("/api/v1/auth/register", "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\"}").statusCode()).isEqualTo(201);
        JsonNode phone = login(name, "phone-1");
        JsonNode laptop = login(name, "laptop-1");
        UUID userId = UUID.fromString(phone.get("userId").asString());

        publishRevocation(userId, "phone-1");
        String phoneRefresh = phone.get("refreshToken").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> refreshed;
        while (true) {
            refreshed = refresh(phoneRefresh);
            if (refreshed.statusCode() != 200 || System.nanoTime() > deadline) {
                break;
            }
            phoneRefresh = json.readTree(refreshed.body()).get("refreshToken").asString(); // not consumed yet
            Thread.sleep(200);
        }
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(401);
        assertThat(json.readTree(refreshed.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> other = refresh(laptop.get("refreshToken").asString());
        assertThat(other.statusCode()).as("the user's other device").isEqualTo(200);

        // a revoked device id stays revoked, as it does in user-client: a later login naming it is refused, so a
        // second revocation that user-client would never publish cannot be needed (ADR 0016)
        HttpResponse<String> sameDevice = post("/api/v1/auth/login", "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\",\"deviceId\":\"phone-1\"}");
        assertThat(sameDevice.statusCode()).as(sameDevice.body()).isEqualTo(409);
        assertThat(json.readTree(sameDevice.body()).get("code").asString()).isEqualTo("CLIENT_REVOKED");
        // a new device id starts a new family; a redelivered revocation leaves it alone
        JsonNode again = login(name, "phone-2");
        publishRevocation(userId, "phone-1");
        publishRevocation(userId, "laptop-2"); // marker: once this one is applied, the redelivery was too
        long markerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.queryForObject("SELECT count(*) FROM revoked_device WHERE user_id = ? AND device_id = 'laptop-2'",
                Integer.class, userId) == 0) {
            assertThat(System.nanoTime()).as("marker consumed in time").isLessThan(markerDeadline);
            Thread.sleep(200);
        }
        assertThat(refresh(again.get("refreshToken").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenRotatedWhileTheRevocationCommittedIsRefusedAtItsNextUse() throws Exception {
        String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        assertThat(post("/api/v1/auth/register", "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\"}").statusCode()).isEqualTo(201);
        JsonNode phone = login(name, "phone-9");
        UUID userId = UUID.fromString(phone.get("userId").asString());
        // the state such a race leaves: the revocation recorded, but a token of the device's family not revoked
        jdbc.update("INSERT INTO revoked_device (user_id, device_id, revoked_at) VALUES (?, 'phone-9', now())",
                userId);
        HttpResponse<String> refused = refresh(phone.get("refreshToken").asString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_token WHERE user_id = ? AND revoked_at IS NULL",
                Integer.class, userId)).as("the family is revoked").isZero();
    }

    private void publishRevocation(UUID userId, String deviceId) throws Exception {
        ObjectNode event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DeviceRevoked.SAMPLE)) {
            assertThat(in).as("the sample ships in user-client-contract").isNotNull();
            event = (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        event.put("eventId", UUID.randomUUID().toString());
        event.put("aggregateId", userId.toString());
        event.put("someFutureMember", true);
        ObjectNode payload = (ObjectNode) event.get("payload");
        payload.put("userId", userId.toString());
        payload.put("deviceId", deviceId);
        payload.put("reason", "a field added later");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topics.physical(UserClientTopics.USERS), userId.toString(),
                    json.writeValueAsString(event))).get(30, TimeUnit.SECONDS);
        }
    }

    private JsonNode login(String name, String deviceId) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", "{\"username\":\"" + name
                + "\",\"password\":\"a fine password 1\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> refresh(String token) throws Exception {
        return post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
