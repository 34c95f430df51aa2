package io.chatbackend.message;

import org.springframework.jdbc.core.JdbcTemplate;
import com.datastax.oss.driver.api.core.CqlSession;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatbackend.message.coordinator.SendLogStatements;
import io.chatbackend.message.coordinator.SendLogWritesChecks;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.ServiceChecks;
import io.chatbackend.platform.testing.StubIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The message-domain service starts on the real embedded servers and reports ready only with its dependencies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessageDomainApplicationIT {

    private static final StubIdentityProvider IDENTITY = new StubIdentityProvider();
    private static final StubDialogDomain DIALOGS = new StubDialogDomain();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "message");
        IDENTITY.register(registry);
        registry.add("chat.services.dialog-domain", DIALOGS::baseUrl);
    }

    @AfterAll
    static void stopStubs() {
        DIALOGS.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CqlSession cql;

    @Test
    void itsApiRequiresAnAccessToken() throws Exception {
        ServiceChecks.assertApiRequiresToken(port);
    }

    @Test
    void readinessIsUpAndCoversItsRealDependencies() throws Exception {
        ServiceChecks.assertReadyWith(port, "db", "kafka", "cassandra");
    }

    @Test
    void appliesOnlyItsOwnPostgresMigrationsInItsOwnSchema() {
        ServiceChecks.assertOwnSchemaOnly(jdbc, "message_domain", "1", "2", "3");
    }

    @Test
    void theSendLogFindsItsRowsByIndex() {
        UUID sender = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        Map<String, Object[]> statements = Map.of(
                SendLogStatements.KEY, new Object[] {sender, UUID.randomUUID()},
                SendLogStatements.CLAIM_KEYS, new Object[] {new UUID[] {sender}, new UUID[] {UUID.randomUUID()},
                        new Long[] {7L}, new UUID[] {dialog}, new String[] {"h".repeat(64)}},
                SendLogStatements.RECORD_ATTEMPTS, new Object[] {new Long[] {7L}, new UUID[] {dialog},
                        new UUID[] {sender}, new String[] {"hello"}},
                SendLogStatements.KEYS_SENT, new Object[] {new Long[] {7L, 8L}, new Long[] {1L, 1L},
                        new Long[] {1L, 2L},
                        new java.sql.Timestamp[] {java.sql.Timestamp.from(Instant.now()),
                                java.sql.Timestamp.from(Instant.now())}},
                SendLogStatements.KEY_CANCELLED, new Object[] {7L},
                SendLogStatements.ATTEMPTS_DONE, new Object[] {new Long[] {7L, 8L}},
                SendLogStatements.CLAIM_UNFINISHED, new Object[] {"1000 milliseconds", 10});
        statements.forEach((sql, parameters) -> ServiceChecks.assertServedByIndexes(jdbc, sql, parameters));
    }

    @Test
    void theSendLogWritesABatchAsItsStepsOneByOne() {
        SendLogWritesChecks.aBatchAnswersEachStepAsOneByOne(jdbc);
    }

    @Test
    void migratesItsCassandraKeyspaceAndCreatesItsReadModelTables() {
        assertThat(cql.execute("SELECT version FROM schema_migrations WHERE version = 2").one()).isNotNull();
        cql.execute("INSERT INTO messages_by_id_e1 (message_id, body, version) VALUES (42, 'hello', 1)");
        assertThat(cql.execute("SELECT body FROM messages_by_id_e1 WHERE message_id = 42").one().getString(0))
                .isEqualTo("hello");
    }

    /**
     * dialog-domain (a stand-in answering its dialog view the way it does) says Carol joined at dialogSeq 4: she
     * reads #5 by id, but #2 is as unknown to her as to a stranger, since joinedAtSeq rules the history.
     */
    @Test
    void aMessageIsReadableByIdOnlyByMembersWhoseHistoryCoversIt() throws Exception {
        UUID dialog = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        DIALOGS.dialog(dialog, Map.of(alice, 1L, carol, 4L));
        long before = projectedMessage(dialog, alice, 2);
        long after = projectedMessage(dialog, alice, 5);

        assertThat(get(before, alice).statusCode()).isEqualTo(200);
        HttpResponse<String> own = get(after, carol);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(json(own).get("dialogSeq").asLong()).isEqualTo(5);

        HttpResponse<String> earlier = get(before, carol);
        HttpResponse<String> strangers = get(before, stranger);
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(404);
        assertThat(json(earlier).get("code").asString()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(strangers.statusCode()).isEqualTo(404);
        assertThat(json(strangers).get("code").asString()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(json(earlier).get("detail")).as("a late joiner learns no more than a stranger")
                .isEqualTo(json(strangers).get("detail"));

        for (String badId : new String[] {"9223372036854775808", "-9223372036854775808", "-1", "0", "abc"}) {
            HttpResponse<String> bad = get(badId, alice);
            assertThat(bad.statusCode()).as(badId + ": " + bad.body()).isEqualTo(404);
            assertThat(json(bad).get("code").asString()).isEqualTo("MESSAGE_NOT_FOUND");
        }
    }

    /** A sent message as the messages read model holds it (its projection is covered by the system tests). */
    private long projectedMessage(UUID dialog, UUID sender, long dialogSeq) {
        long messageId = 7_301_450_342_500_000_000L + dialogSeq + (System.nanoTime() & 0xFFFF) * 100;
        cql.execute("INSERT INTO messages_by_id_e1 (message_id, dialog_id, sender_id, sender_seq, dialog_seq, "
                        + "body_type, body, sent_at, version) VALUES (?, ?, ?, ?, ?, 'text', ?, ?, 1)",
                messageId, dialog, sender, dialogSeq, dialogSeq, "#" + dialogSeq, Instant.now());
        return messageId;
    }

    private HttpResponse<String> get(Object messageId, UUID user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/messages/" + messageId))
                .header("Authorization", "Bearer " + IDENTITY.userToken(user, "device-1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.builder().build().readTree(response.body());
    }

    /**
     * Answers {@code GET /api/v1/dialogs/{id}} as dialog-domain does: the dialog view with each member's
     * {@code joinedAtSeq} for a member (known by the bearer token's subject), 404 for anyone else.
     */
    private static final class StubDialogDomain implements AutoCloseable {

        private final HttpServer server;
        private final Map<UUID, Map<UUID, Long>> dialogs = new java.util.concurrent.ConcurrentHashMap<>();

        StubDialogDomain() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/v1/dialogs/", this::dialogView);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void dialog(UUID dialogId, Map<UUID, Long> joinedAtSeqs) {
            dialogs.put(dialogId, joinedAtSeqs);
        }

        private void dialogView(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            Map<UUID, Long> members = dialogs.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
            UUID caller = subject(exchange.getRequestHeaders().getFirst("Authorization"));
            if (members == null || !members.containsKey(caller)) {
                reply(exchange, 404, "{\"code\":\"DIALOG_NOT_FOUND\"}");
                return;
            }
            StringBuilder list = new StringBuilder();
            members.forEach((userId, joinedAtSeq) -> list.append(list.isEmpty() ? "" : ",")
                    .append("{\"userId\":\"").append(userId).append("\",\"role\":\"MEMBER\",\"joinedAtSeq\":")
                    .append(joinedAtSeq).append(",\"readSeq\":0}"));
            reply(exchange, 200, "{\"dialogId\":\"" + path.substring(path.lastIndexOf('/') + 1)
                    + "\",\"type\":\"group\",\"title\":\"t\",\"members\":[" + list + "]}");
        }

        private static UUID subject(String authorization) {
            String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
            JsonNode claims = JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder()
                    .decode(payload), StandardCharsets.UTF_8));
            return UUID.fromString(claims.get("sub").asString());
        }

        private static void reply(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
