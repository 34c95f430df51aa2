package io.chatbackend.system;

import io.chatbackend.system.ChatSystem.Account;
import io.chatbackend.system.ChatSystem.Login;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.SharedInfrastructure;
import io.chatbackend.tools.admin.ChatAdmin;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit API through the gateway on the real contexts (issue 15, ADR 0027): a send's events in both domains
 * name the sender and carry the request id the client was answered with; only AUDITOR and ADMIN read; pages,
 * the NDJSON stream, whole streams and verification; every call recorded for ADMIN.
 */
@ResourceLock(ChatSystem.SHARED)
class AuditThroughGatewayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ChatSystem system;
    private static Login alice;
    private static Login auditor;
    private static Login operator;
    private static String dialog;
    private static String messageId;
    private static String requestId;
    private static String grantRequestId;
    private static Account carol;

    @BeforeAll
    static void sendOneMessage() {
        system = ChatSystem.shared();
        operator = system.operator();
        alice = system.login(system.register(), "phone-a");
        Account bob = system.register();
        carol = system.register();
        grantRequestId = "audit-grant-" + UUID.randomUUID();
        assertThat(request("PUT", "/api/v1/admin/users/" + carol.userId() + "/roles/AUDITOR",
                operator.accessToken(), null, "application/json", grantRequestId).statusCode()).isEqualTo(204);
        auditor = system.login(carol, "audit-desk");
        dialog = system.createDirect(alice, bob);

        requestId = "audit-" + UUID.randomUUID();
        HttpResponse<String> sent = request("POST", "/api/v1/dialogs/" + dialog + "/messages", alice.accessToken(),
                "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"body\":{\"type\":\"text\",\"text\":\"audited\"}}",
                "application/json", requestId);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(sent.headers().firstValue("X-Request-Id")).hasValue(requestId);
        messageId = Api.JSON.readTree(sent.body()).get("messageId").asString();
    }

    @Test
    void everyEventOfASendInBothDomainsNamesTheSenderAndCarriesTheRequestId() {
        List<JsonNode> messageEvents = items(Api.json(get("/api/v1/audit/message-domain/aggregates/" + messageId
                + "/events", auditor), 200));
        assertThat(messageEvents).extracting(event -> event.get("type").asString())
                .anySatisfy(type -> assertThat(type).endsWith("SendBegunEvent"))
                .anySatisfy(type -> assertThat(type).endsWith("MessageSentEvent"));
        assertThat(messageEvents).allSatisfy(event -> {
            JsonNode metadata = event.get("metadata");
            assertThat(metadata.get("principal").get("type").asString()).isEqualTo("user");
            assertThat(metadata.get("principal").get("id").asString()).isEqualTo(alice.userId().toString());
            assertThat(metadata.get("principal").get("deviceId").asString()).isEqualTo("phone-a");
            assertThat(metadata.get("correlationId").asString()).isEqualTo(requestId);
            assertThat(metadata.get("causationId").asString()).isNotBlank();
            assertThat(event.get("hash").asString()).hasSize(64);
            assertThat(event.get("payload").isObject()).isTrue();
        });
        assertThat(messageEvents).extracting(event -> event.get("sequence").asLong()).startsWith(0L);

        List<JsonNode> laneAndDialog = new ArrayList<>();
        laneAndDialog.addAll(items(Api.json(get("/api/v1/audit/dialog-domain/aggregates/" + dialog + ":"
                + alice.userId() + "/events", auditor), 200)));
        laneAndDialog.addAll(items(Api.json(get("/api/v1/audit/dialog-domain/aggregates/" + dialog + "/events",
                auditor), 200)));
        List<JsonNode> ofTheSend = laneAndDialog.stream()
                .filter(event -> requestId.equals(event.get("metadata").get("correlationId").asString())).toList();
        assertThat(ofTheSend).as("the lane's and the dialog's events of the send").hasSizeGreaterThanOrEqualTo(2);
        assertThat(ofTheSend).allSatisfy(event -> {
            JsonNode metadata = event.get("metadata");
            assertThat(metadata.get("principal").get("type").asString()).isEqualTo("service");
            assertThat(metadata.get("principal").get("id").asString()).isEqualTo("message-domain");
            assertThat(metadata.get("onBehalfOf").get("id").asString()).isEqualTo(alice.userId().toString());
            assertThat(metadata.get("onBehalfOf").get("deviceId").asString()).isEqualTo("phone-a");
        });
    }

    @Test
    void onlyAuditorsAndAdminsReadAuditStreams() {
        Api.assertProblem(get("/api/v1/audit/message-domain/events", alice), 403, "FORBIDDEN");
        Api.assertProblem(get("/api/v1/audit/dialog-domain/aggregates/" + dialog + "/events", alice), 403,
                "FORBIDDEN");
        Api.assertProblem(request("POST", "/api/v1/audit/message-domain/verify", alice.accessToken(), null,
                "application/json", null), 403, "FORBIDDEN");
        Api.assertProblem(get("/api/v1/audit/message-domain/access", auditor), 403, "FORBIDDEN");
        Api.assertProblem(get("/api/v1/audit/message-domain/events", null), 401, "UNAUTHENTICATED");
        assertThat(get("/api/v1/audit/message-domain/events?limit=1", operator).statusCode()).isEqualTo(200);
        Api.assertProblem(get("/api/v1/audit/message-domain/events?after=-1", auditor), 400, "VALIDATION_FAILED");
        Api.assertProblem(get("/api/v1/audit/message-domain/aggregates/no-such-stream/events", auditor), 404,
                "AUDIT_STREAM_NOT_FOUND");
    }

    @Test
    void pagesFollowEachOtherAndTheStreamHoldsTheSameItems() {
        JsonNode first = Api.json(get("/api/v1/audit/dialog-domain/events?after=0&limit=3", auditor), 200);
        List<JsonNode> firstItems = items(first);
        assertThat(firstItems).hasSize(3);
        assertThat(first.get("next").asLong()).isEqualTo(firstItems.get(2).get("position").asLong());
        JsonNode second = Api.json(get("/api/v1/audit/dialog-domain/events?after=" + first.get("next").asLong()
                + "&limit=3", auditor), 200);
        assertThat(items(second).get(0).get("position").asLong())
                .isGreaterThan(firstItems.get(2).get("position").asLong());

        HttpResponse<String> streamed = request("GET", "/api/v1/audit/message-domain/events?after=0",
                auditor.accessToken(), null, "application/x-ndjson", null);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = streamed.body().lines().map(Api.JSON::readTree).toList();
        assertThat(lines).extracting(line -> line.get("position").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(lines).anySatisfy(line -> assertThat(line.get("aggregateId").asString()).isEqualTo(messageId));
    }

    @Test
    void verificationReportsEveryChainIntactAndEveryCallIsRecorded() {
        String verifyId = "audit-verify-" + UUID.randomUUID();
        HttpResponse<String> started = request("POST", "/api/v1/audit/message-domain/verify", auditor.accessToken(),
                null, "application/json", verifyId);
        JsonNode report;
        if (started.statusCode() == 202) {
            String location = started.headers().firstValue("Location").orElseThrow();
            report = Api.await("the verification", Duration.ofSeconds(60), () -> get(location, auditor),
                    response -> response.statusCode() == 200).body().transform(Api.JSON::readTree);
        } else {
            report = Api.json(started, 200);
        }
        assertThat(report.get("events").asLong()).isPositive();
        assertThat(report.get("streams").asLong()).isPositive();
        assertThat(report.get("checkpoints").asLong()).as("signed checkpoints, one a second here").isPositive();
        assertThat(report.get("breaks").isEmpty()).as(report.toString()).isTrue();

        List<JsonNode> access = new ArrayList<>();
        long after = 0;
        JsonNode page;
        do {
            page = Api.json(get("/api/v1/audit/message-domain/access?limit=1000&after=" + after, operator), 200);
            access.addAll(items(page));
            after = page.get("next").isNull() ? after : page.get("next").asLong();
        } while (!page.get("next").isNull());
        assertThat(access).anySatisfy(record -> {
            assertThat(record.get("type").asString()).isEqualTo("AUDIT_VERIFICATION_STARTED");
            assertThat(record.get("metadata").get("principal").get("id").asString())
                    .isEqualTo(auditor.userId().toString());
            assertThat(record.get("metadata").get("correlationId").asString()).isEqualTo(verifyId);
        });
    }

    /**
     * An auditor whose account lost the USER role (an ADMIN may revoke it) reads audit streams and changes nothing
     * anywhere: every context refuses each change it tries, and every table holds what it held.
     */
    @Test
    void anAuditorOnlyTokenChangesNothingAnywhere() {
        Account dave = system.register();
        for (String[] change : new String[][]{{"PUT", "AUDITOR"}, {"DELETE", "USER"}}) {
            assertThat(system.call(change[0], "/api/v1/admin/users/" + dave.userId() + "/roles/" + change[1],
                    operator.accessToken(), null).statusCode()).isEqualTo(204);
        }
        Login readOnly = system.login(dave, "audit-only");
        StoredState before = StoredState.settled(system, Duration.ofSeconds(90));

        String token = readOnly.accessToken();
        List<HttpResponse<String>> refused = List.of(
                request("POST", "/api/v1/dialogs/" + dialog + "/messages", token, "{\"clientMessageId\":\""
                        + UUID.randomUUID() + "\",\"body\":{\"type\":\"text\",\"text\":\"no\"}}",
                        "application/json", null),
                request("POST", "/api/v1/dialogs", token, "{\"type\":\"direct\",\"peerUserId\":\""
                        + alice.userId() + "\"}", "application/json", null),
                request("PATCH", "/api/v1/users/me", token, "{\"displayName\":\"Dave\"}", "application/json",
                        null),
                request("PUT", "/api/v1/blocks/" + alice.userId(), token, null, "application/json", null),
                request("POST", "/api/v1/ws/ticket", token, null, "application/json", null),
                request("PUT", "/api/v1/clients/audit-only", token, "{\"name\":\"desk\"}", "application/json",
                        null),
                get("/api/v1/clients", readOnly));
        assertThat(refused).allSatisfy(response -> Api.assertProblem(response, 403, "FORBIDDEN"));

        assertThat(StoredState.settled(system, Duration.ofSeconds(60))).isEqualTo(before);
        assertThat(get("/api/v1/audit/dialog-domain/events?limit=1", readOnly).statusCode()).isEqualTo(200);
    }

    /** Contexts without an event store serve their audit trails: UAA's role grants, user-client's revocations. */
    @Test
    void roleGrantsAndDeviceRevocationsAreChainedRecordsAuditorsRead() {
        List<JsonNode> grants = items(Api.json(get("/api/v1/audit/uaa/aggregates/user:" + carol.userId() + "/events",
                auditor), 200));
        String operatorId = Api.json(get("/api/v1/users/me", operator), 200).get("userId").asString();
        assertThat(grants).anySatisfy(record -> {
            assertThat(record.get("type").asString()).isEqualTo("ROLE_GRANTED");
            assertThat(record.get("metadata").get("principal").get("type").asString()).isEqualTo("user");
            assertThat(record.get("metadata").get("principal").get("id").asString()).isEqualTo(operatorId);
            assertThat(record.get("metadata").get("correlationId").asString()).isEqualTo(grantRequestId);
            assertThat(record.get("hash").asString()).hasSize(64);
        });

        Login tablet = system.login(alice.account(), "old-tablet");
        assertThat(get("/api/v1/clients", tablet).statusCode()).isEqualTo(200); // the device exists once used
        String revokeId = "audit-revoke-" + UUID.randomUUID();
        assertThat(request("DELETE", "/api/v1/clients/old-tablet", alice.accessToken(), null, "application/json",
                revokeId).statusCode()).isEqualTo(204);
        List<JsonNode> revocations = items(Api.json(get("/api/v1/audit/user-client/aggregates/user:" + alice.userId()
                + "/events", auditor), 200));
        assertThat(revocations).singleElement().satisfies(record -> {
            assertThat(record.get("type").asString()).isEqualTo("DEVICE_REVOKED");
            assertThat(record.get("payload").get("deviceId").asString()).isEqualTo("old-tablet");
            assertThat(record.get("metadata").get("principal").get("id").asString())
                    .isEqualTo(alice.userId().toString());
            assertThat(record.get("metadata").get("principal").get("deviceId").asString()).isEqualTo("phone-a");
            assertThat(record.get("metadata").get("correlationId").asString()).isEqualTo(revokeId);
        });

        for (String context : List.of("uaa", "user-client")) {
            JsonNode report = Api.json(request("POST", "/api/v1/audit/" + context + "/verify",
                    auditor.accessToken(), null, "application/json", null), 200);
            assertThat(report.get("breaks").isEmpty()).as(context + ": " + report).isTrue();
            assertThat(report.get("events").asLong()).as(context).isPositive();
        }
    }

    /**
     * Deleted in PostgreSQL, behind the service's back: a stream's tail and a whole stream that a signed checkpoint
     * covers are each named by stream and sequence, by the API's verification and, offline, by the checkpoints an
     * export written after the deletion begins with. The rows are put back afterwards (the stack is shared).
     */
    @Test
    void aDeletedTailAndADeletedStreamInPostgresqlAreNamed(@TempDir Path dir) throws Exception {
        JsonNode tailed = system.send(alice, dialog, "its tail goes");
        JsonNode gone = system.send(alice, dialog, "it goes whole");
        String tailStream = tailed.get("messageId").asString();
        String goneStream = gone.get("messageId").asString();
        long lastPosition = items(Api.json(get("/api/v1/audit/message-domain/aggregates/" + goneStream + "/events",
                auditor), 200)).stream().mapToLong(event -> event.get("position").asLong()).max().orElseThrow();
        Endpoints endpoints = SharedInfrastructure.endpoints();
        try (Connection db = DriverManager.getConnection(system.databases.get("message-domain"),
                endpoints.postgresUsername(), endpoints.postgresPassword())) {
            db.createStatement().execute("SET search_path TO message_domain");
            Api.await("a checkpoint covering the sends", Duration.ofSeconds(30), () -> newestCheckpoint(db),
                    upTo -> upTo >= lastPosition);
            String rows = "(aggregateidentifier = '" + tailStream + "' AND sequencenumber = (SELECT max(sequencenumber)"
                    + " FROM domainevententry WHERE aggregateidentifier = '" + tailStream + "')) OR aggregateidentifier"
                    + " = '" + goneStream + "'";
            db.createStatement().execute("CREATE TEMP TABLE kept AS SELECT * FROM domainevententry WHERE " + rows);
            long tailSequence = scalar(db, "SELECT max(sequencenumber) FROM domainevententry WHERE "
                    + "aggregateidentifier = '" + tailStream + "'");
            long goneHead = scalar(db, "SELECT max(sequencenumber) FROM domainevententry WHERE "
                    + "aggregateidentifier = '" + goneStream + "'");
            db.createStatement().execute("DELETE FROM domainevententry WHERE " + rows);
            try {
                JsonNode report = verification("message-domain");
                List<JsonNode> breaks = new ArrayList<>();
                report.get("breaks").forEach(breaks::add);
                assertThat(breaks).anySatisfy(broken -> {
                    assertThat(broken.get("aggregateId").asString()).isEqualTo(tailStream);
                    assertThat(broken.get("sequence").asLong()).isEqualTo(tailSequence);
                    assertThat(broken.get("reason").asString()).contains("deleted tail");
                }).anySatisfy(broken -> {
                    assertThat(broken.get("aggregateId").asString()).isEqualTo(goneStream);
                    assertThat(broken.get("sequence").asLong()).isEqualTo(goneHead);
                    assertThat(broken.get("reason").asString()).startsWith("the stream is gone");
                }).anySatisfy(broken -> assertThat(broken.get("aggregateId").asString()).isEqualTo("checkpoint"));

                Path export = dir.resolve("deleted.ndjson");
                Path key = dir.resolve("checkpoint.key");
                Files.writeString(key, system.checkpointKeys.get("message-domain"));
                assertThat(chatAdmin("audit", "export", "message-domain", "--out", export.toString(), "--token",
                        auditor.accessToken(), "--gateway", system.url(""), "--plain")).isZero();
                StringWriter offline = new StringWriter();
                CommandLine check = ChatAdmin.commandLine();
                check.setOut(new PrintWriter(offline, true));
                assertThat(check.execute("audit", "check", export.toString(), "--checkpoint-key-file",
                        key.toString())).as("the export's own checkpoints tell, offline").isEqualTo(3);
                assertThat(offline.toString()).contains("signatures checked")
                        .contains(tailStream + " #" + tailSequence + ": the items after sequence "
                                + (tailSequence - 1) + " are gone (a deleted tail)")
                        .contains(goneStream + " #" + goneHead + ": the stream is gone");
            } finally {
                db.createStatement().execute("INSERT INTO domainevententry SELECT * FROM kept");
            }
            assertThat(verification("message-domain").get("breaks").isEmpty()).as("put back").isTrue();
        }
    }

    /**
     * An auditor exports a context with the CLI and checks the file offline with nothing but the file and the
     * context's checkpoint key (docs/audit-export.md): every hash and every signed checkpoint holds; a payload changed
     * in the file is named by stream and sequence.
     */
    @Test
    void anExportIsCheckedOfflineAndAChangedPayloadIsNamed(@TempDir Path dir) throws Exception {
        for (String context : List.of("message-domain", "uaa")) {
            Path file = dir.resolve(context + ".ndjson");
            assertThat(chatAdmin("audit", "export", context, "--out", file.toString(), "--token",
                    auditor.accessToken(), "--gateway", system.url(""), "--plain")).as(context).isZero();
            Path key = dir.resolve(context + ".key");
            Files.writeString(key, system.checkpointKeys.get(context));
            assertThat(chatAdmin("audit", "check", file.toString(), "--checkpoint-key-file", key.toString()))
                    .as(context + ": every hash and every signed checkpoint the export begins with").isZero();
            assertThat(Files.readAllLines(file)).as(context).anySatisfy(line -> assertThat(line)
                    .startsWith("{\"kind\":\"checkpoint\""));
        }
        Path exported = dir.resolve("message-domain.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(exported));
        int changed = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = Api.JSON.readTree(lines.get(i));
            if (line.path("aggregateId").asString("").equals(messageId) && line.path("sequence").asLong() == 0) {
                String payload = new String(Base64.getDecoder().decode(line.get("payload").asString()),
                        StandardCharsets.UTF_8).replace("audited", "forged!");
                lines.set(i, lines.get(i).replace(line.get("payload").asString(),
                        Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))));
                changed = i;
            }
        }
        assertThat(changed).as("the test's message is in the export").isNotNegative();
        Path tampered = dir.resolve("tampered.ndjson");
        Files.write(tampered, lines);
        StringWriter report = new StringWriter();
        CommandLine check = ChatAdmin.commandLine();
        check.setOut(new PrintWriter(report, true));
        assertThat(check.execute("audit", "check", tampered.toString())).isEqualTo(3);
        assertThat(report.toString()).contains("1 break", messageId + " #0: the stored chain hash does not match");
    }

    private static int chatAdmin(String... args) {
        CommandLine command = ChatAdmin.commandLine();
        StringWriter output = new StringWriter();
        command.setOut(new PrintWriter(output, true));
        command.setErr(new PrintWriter(output, true));
        int exit = command.execute(args);
        if (exit != 0) {
            System.out.println("chat-admin " + String.join(" ", args) + ": " + output);
        }
        return exit;
    }

    private static long newestCheckpoint(Connection db) {
        try {
            return scalar(db, "SELECT coalesce(max(up_to_position), 0) FROM audit_checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static JsonNode verification(String context) {
        HttpResponse<String> started = request("POST", "/api/v1/audit/" + context + "/verify", auditor.accessToken(),
                null, "application/json", null);
        if (started.statusCode() == 202) {
            String location = started.headers().firstValue("Location").orElseThrow();
            return Api.JSON.readTree(Api.await("the verification", Duration.ofSeconds(60),
                    () -> get(location, auditor), response -> response.statusCode() == 200).body());
        }
        return Api.json(started, 200);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private static HttpResponse<String> get(String path, Login caller) {
        return request("GET", path, caller == null ? null : caller.accessToken(), null, "application/json", null);
    }

    private static HttpResponse<String> request(String method, String path, String token, String body,
                                                String accept, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(path)))
                .timeout(Duration.ofSeconds(60)).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
