package io.chatbackend.tools.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole command against a small local HTTP server playing the gateway: login, start, polling to the end, the
 * printed report and the exit code.
 */
class RebuildCommandTest {

    private static final String RUNNING = """
            {"jobId":"job-7","model":"toy","state":"RUNNING","done":5,"total":10,"ratePerSecond":50.0,
             "eta":0.1,"fromEpoch":1,"toEpoch":2,"report":null,"error":null}""";
    private static final String COMPARING = """
            {"jobId":"job-7","model":"toy","state":"COMPARING","done":10,"total":10,"ratePerSecond":50.0,
             "eta":"PT0S","fromEpoch":1,"toEpoch":2,"report":null,"error":null}""";
    private static final String DONE_IDENTICAL = """
            {"jobId":"job-7","model":"toy","state":"DONE","done":10,"total":10,"ratePerSecond":50.0,"eta":"PT0S",
             "fromEpoch":1,"toEpoch":2,"error":null,
             "report":{"liveRows":13,"rebuiltRows":13,"onlyInLive":0,"onlyInRebuilt":0,"differing":0,
               "tables":[{"logicalTable":"items","liveTable":"items_e1","rebuiltTable":"items_e2","liveRows":13,
                 "rebuiltRows":13,"onlyInLive":0,"onlyInRebuilt":0,"differing":0,"columnsOnlyInLive":[],
                 "columnsOnlyInRebuilt":[]}],
               "examples":[]}}""";
    private static final String DONE_DIFFERENT = """
            {"jobId":"job-7","model":"toy","state":"DONE","done":10,"total":10,"ratePerSecond":50.0,"eta":"PT0S",
             "fromEpoch":1,"toEpoch":2,"error":null,
             "report":{"liveRows":13,"rebuiltRows":12,"onlyInLive":1,"onlyInRebuilt":0,"differing":1,
               "tables":[{"logicalTable":"items","liveTable":"items_e1","rebuiltTable":"items_e2","liveRows":13,
                 "rebuiltRows":12,"onlyInLive":1,"onlyInRebuilt":0,"differing":1,"columnsOnlyInLive":[],
                 "columnsOnlyInRebuilt":[]}],
               "examples":[
                 {"logicalTable":"items","kind":"ONLY_IN_LIVE","primaryKey":{"owner":"'b'","seq":"2"},
                  "column":null,"liveValue":null,"rebuiltValue":null},
                 {"logicalTable":"items","kind":"DIFFERENT","primaryKey":{"owner":"'a'","seq":"1"},
                  "column":"body","liveValue":"'a-body-1'","rebuiltValue":"'changed'"}]}}""";
    private static final String FAILED = """
            {"jobId":"job-7","model":"toy","state":"FAILED","done":3,"total":10,"ratePerSecond":50.0,"eta":null,
             "fromEpoch":1,"toEpoch":2,"report":null,"error":"the event store went away"}""";

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<String> statuses = new ArrayDeque<>();
    private String statusPath = "/api/v1/admin/read-models/toy/rebuilds/job-7";
    private int startStatus = 202;
    private String startBody = RUNNING;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void doneWithoutDifferencesExitsZeroAfterPollingAndPrintsTheNewEpoch() {
        statuses.addAll(List.of(RUNNING, COMPARING, DONE_IDENTICAL));

        int exit = run("rebuild", "toy", "--token", "admin-token");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(requests).containsExactly(
                "POST /api/v1/admin/read-models/toy/rebuild Bearer admin-token",
                "GET /api/v1/admin/read-models/toy/rebuilds/job-7 Bearer admin-token",
                "GET /api/v1/admin/read-models/toy/rebuilds/job-7 Bearer admin-token",
                "GET /api/v1/admin/read-models/toy/rebuilds/job-7 Bearer admin-token");
        assertThat(out.toString()).contains("is DONE: epoch 2 is live (was 1)",
                "No differences: the rebuilt model equals the live one.");
        assertThat(err.toString()).contains("Rebuild job-7 of toy started: epoch 1 -> 2",
                "RUNNING  5/10 (50%)  50.0/s  ETA 0:01", "COMPARING  10/10 (100%)");
    }

    @Test
    void doneWithDifferencesExitsThreeAndPrintsTheExamples() {
        statuses.addAll(List.of(DONE_DIFFERENT));

        int exit = run("rebuild", "toy", "--token", "admin-token");

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("1 only in live, 0 only in rebuilt, 1 differing",
                "ONLY_IN_LIVE    items {owner='b', seq=2}",
                "DIFFERENT       items {owner='a', seq=1} body: live 'a-body-1', rebuilt 'changed'");
    }

    @Test
    void aComparisonOnlyAsksForOneAndSaysTheLiveEpochStays() {
        statuses.addAll(List.of(RUNNING, DONE_DIFFERENT.replace("\"state\":\"DONE\"", "\"state\":\"COMPARED\"")));

        int exit = run("rebuild", "toy", "--compare-only", "--token", "admin-token");

        assertThat(exit).as(err.toString()).isEqualTo(3);
        assertThat(requests.get(0)).isEqualTo("POST /api/v1/admin/read-models/toy/compare Bearer admin-token");
        assertThat(out.toString()).contains("Comparison job-7 of toy is COMPARED: epoch 1 stays live",
                "1 only in live, 0 only in rebuilt, 1 differing");
    }

    @Test
    void aFailedRebuildExitsOneWithItsReason() {
        statuses.addAll(List.of(RUNNING, FAILED));

        int exit = run("rebuild", "toy", "--token", "admin-token");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: the event store went away", "untouched (epoch 1)");
    }

    @Test
    void logsInWithUsernameAndPassword() {
        statuses.addAll(List.of(DONE_IDENTICAL));

        int exit = run("rebuild", "toy", "--username", "root", "--password", "pw");

        assertThat(exit).isZero();
        assertThat(requests.get(0)).isEqualTo("POST /api/v1/auth/login {\"username\":\"root\",\"password\":\"pw\","
                + "\"deviceId\":\"chat-admin\"}");
        assertThat(requests.get(1)).endsWith("Bearer token-from-login");
    }

    @Test
    void aRefusedStartExitsOneWithTheProblemDetail() {
        startStatus = 409;
        startBody = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"code\":\"REBUILD_RUNNING\","
                + "\"detail\":\"A rebuild of this read model is already running.\"}";

        int exit = run("rebuild", "toy", "--token", "admin-token");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("refused", "HTTP 409 REBUILD_RUNNING A rebuild of this read model is "
                + "already running.");
    }

    @Test
    void withoutCredentialsItIsAUsageError() {
        assertThat(run("rebuild", "toy")).isEqualTo(2);
        assertThat(err.toString()).contains("--token");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() > 2) {
            all.addAll(List.of("--gateway", "http://127.0.0.1:" + server.getAddress().getPort(), "--poll-millis", "10",
                    "--plain"));
        }
        CommandLine commandLine = ChatAdmin.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.equals("/api/v1/auth/login")) {
            requests.add(method + " " + path + " " + body);
            respond(exchange, 200, "{\"accessToken\":\"token-from-login\",\"tokenType\":\"Bearer\"}");
            return;
        }
        requests.add(method + " " + path + " " + authorization);
        if (method.equals("POST") && (path.equals("/api/v1/admin/read-models/toy/rebuild")
                || path.equals("/api/v1/admin/read-models/toy/compare"))) {
            respond(exchange, startStatus, startBody);
        } else if (method.equals("GET") && path.equals(statusPath)) {
            String status;
            synchronized (statuses) {
                status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
            }
            respond(exchange, 200, status);
        } else {
            respond(exchange, 404, "{\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"No such thing.\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
