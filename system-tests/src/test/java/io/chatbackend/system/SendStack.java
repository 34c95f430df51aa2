package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.infra.Ports;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.localrun.SystemSecrets;
import io.chatbackend.platform.testing.ServiceProcess;
import io.chatbackend.platform.testing.SharedInfrastructure;
import io.chatbackend.platform.testing.StubIdentityProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * dialog-domain and message-domain as real processes on databases, a keyspace and topics of their own, with tokens
 * from a stand-in identity provider: the send path and the read side end to end, for the system tests (live delivery: {@link ChatSystem}).
 */
final class SendStack implements AutoCloseable {

    static final JsonMapper JSON = Api.JSON;

    final StubIdentityProvider identity = new StubIdentityProvider();
    final ServiceProcess dialogs;
    final ServiceProcess messages;
    final JdbcTemplate dialogDb;
    final JdbcTemplate messageDb;
    private final List<String> common;

    private SendStack(String kafka, String cassandra, List<String> dialogExtra, List<String> messageExtra) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        Path root = Path.of(System.getProperty("chat.root", ".."));
        String dialogUrl = IsolatedData.newDatabase("sys_dialog");
        String messageUrl = IsolatedData.newDatabase("sys_message");
        dialogDb = jdbc(dialogUrl, endpoints);
        messageDb = jdbc(messageUrl, endpoints);
        int dialogPort = Ports.freePort();
        common = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.cassandra.contact-points=" + cassandra,
                "--spring.cassandra.local-datacenter=" + endpoints.cassandraLocalDatacenter(),
                "--chat.integration.topic-prefix=" + IsolatedData.uniqueName("sys") + ".",
                "--chat.public-url=" + StubIdentityProvider.ISSUER,
                "--chat.services.uaa=" + identity.baseUrl(),
                "--chat.services.dialog-domain=http://127.0.0.1:" + dialogPort);
        List<String> dialogArgs = new ArrayList<>(common);
        dialogArgs.addAll(List.of("--spring.datasource.url=" + dialogUrl,
                "--spring.cassandra.keyspace-name=" + IsolatedData.uniqueName("sys_dialog"),
                "--chat.dialog.lane-sweep-interval=PT0.5S"));
        dialogArgs.addAll(dialogExtra);
        SystemSecrets secrets = Stacks.secrets(Map.of("dialog-domain", dialogUrl, "message-domain", messageUrl));
        dialogs = ServiceProcess.start("dialog-domain", root.resolve("dialog-domain/target/dialog-domain-exec.jar"),
                dialogPort, dialogArgs, secrets.environmentOf("dialog-domain"));
        List<String> messageArgs = new ArrayList<>(common);
        messageArgs.addAll(List.of("--spring.datasource.url=" + messageUrl,
                "--spring.cassandra.keyspace-name=" + IsolatedData.uniqueName("sys_message"),
                "--chat.message.recovery-age=PT1S", "--chat.message.recovery-interval=PT0.5S"));
        messageArgs.addAll(messageExtra);
        messages = ServiceProcess.start("message-domain", root.resolve("message-domain/target/message-domain-exec.jar"),
                Ports.freePort(), messageArgs, secrets.environmentOf("message-domain"));
    }

    /** On the build's shared servers. */
    static SendStack onSharedServers(List<String> dialogExtra, List<String> messageExtra) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        return new SendStack(endpoints.kafkaBootstrapServers(),
                endpoints.cassandraHost() + ":" + endpoints.cassandraPort(), dialogExtra, messageExtra);
    }

    /** On the given Kafka and Cassandra (e.g. servers a test stops and starts); PostgreSQL is the shared one. */
    static SendStack on(String kafka, String cassandra) {
        return new SendStack(kafka, cassandra, List.of(), List.of());
    }

    String group(UUID admin, UUID... members) {
        StringBuilder ids = new StringBuilder();
        for (UUID member : members) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(member).append('"');
        }
        HttpResponse<String> created = request("POST", dialogs.baseUrl() + "/api/v1/dialogs", admin,
                "{\"type\":\"group\",\"title\":\"system\",\"memberIds\":[" + ids + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("dialogId").asString();
    }

    HttpResponse<String> send(UUID sender, String dialog, UUID key, String text) {
        return request("POST", messages.baseUrl() + "/api/v1/dialogs/" + dialog + "/messages", sender,
                "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"" + text + "\"}}");
    }

    /** Sends until acknowledged (retrying 202/409/503 answers with the same key) and returns the 201 body. */
    JsonNode sendAcknowledged(UUID sender, String dialog, String text) {
        return Api.sendUntilAcknowledged(key -> send(sender, dialog, key, text));
    }

    /**
     * The dialog's history as {@code viewer} reads it, once it holds {@code expected} messages without a hole
     * (a later message may become visible before an earlier one), or what it holds when {@code patience} ran out.
     */
    List<JsonNode> history(String dialog, UUID viewer, int expected, Duration patience) {
        return Api.denseHistory(afterSeq -> request("GET", dialogs.baseUrl() + "/api/v1/dialogs/" + dialog
                + "/messages?limit=200&afterSeq=" + afterSeq, viewer, null), expected, patience);
    }

    HttpResponse<String> request(String method, String url, UUID user, String body) {
        return raw(method, url, identity.userToken(user, "device"), body);
    }

    HttpResponse<String> raw(String method, String url, String token, String body) {
        return Api.call(method, url, token, body);
    }

    @Override
    public void close() {
        messages.stop();
        dialogs.stop();
        identity.close();
    }

    private static JdbcTemplate jdbc(String url, Endpoints endpoints) {
        return new JdbcTemplate(new DriverManagerDataSource(url, endpoints.postgresUsername(),
                endpoints.postgresPassword()));
    }
}
