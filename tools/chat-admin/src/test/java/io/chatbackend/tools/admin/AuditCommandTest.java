package io.chatbackend.tools.admin;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chat-admin audit} against a small local HTTP server playing the gateway. */
class AuditCommandTest {

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger polls = new AtomicInteger();
    private HttpServer server;
    private String report = "{\"streams\":2,\"events\":5,\"checkpoints\":3,\"breaks\":[]}";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + path + " " + exchange.getRequestHeaders()
                    .getFirst("Accept"));
            int status;
            String body;
            if (path.endsWith("/verify")) {
                status = 202;
                body = "{\"id\":\"v1\",\"status\":\"RUNNING\"}";
                exchange.getResponseHeaders().add("Location", "/api/v1/audit/dialog-domain/verifications/v1");
            } else if (path.contains("/verifications/")) {
                status = polls.incrementAndGet() < 3 ? 202 : 200;
                body = status == 202 ? "{\"id\":\"v1\",\"status\":\"RUNNING\"}" : report;
            } else {
                status = 200;
                body = "{\"position\":3}\n{\"position\":4}\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void verifyPollsUntilTheReportAndExitsZeroWhenIntact() {
        assertThat(run("audit", "verify", "dialog-domain", "--token", "t", "--poll-millis", "5", "--plain")).isZero();
        assertThat(requests).startsWith("POST /api/v1/audit/dialog-domain/verify application/json");
        assertThat(polls.get()).isEqualTo(3);
        assertThat(out.toString()).contains("dialog-domain: 2 streams, 5 items, 3 signed checkpoints, 0 breaks");
    }

    @Test
    void verifyListsEachBreakAndExitsThree() {
        report = "{\"streams\":2,\"events\":5,\"checkpoints\":3,\"breaks\":[{\"aggregateId\":\"m-1\",\"sequence\":1,"
                + "\"reason\":\"the items after sequence 0 are gone (a deleted tail): checkpoint 2 signed sequence 1\"}]}";
        assertThat(run("audit", "verify", "dialog-domain", "--token", "t", "--poll-millis", "5", "--plain"))
                .isEqualTo(3);
        assertThat(out.toString()).contains("1 break", "m-1 #1: the items after sequence 0 are gone");
    }

    @Test
    void exportWritesTheStreamAsItCameOneItemALine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("uaa.ndjson");
        assertThat(run("audit", "export", "uaa", "--token", "t", "--after", "2", "--out", file.toString(), "--plain"))
                .isZero();
        assertThat(requests).containsExactly("GET /api/v1/audit/uaa/events?after=2&form=stored application/x-ndjson");
        assertThat(Files.readAllLines(file)).containsExactly("{\"position\":3}", "{\"position\":4}");
        assertThat(out.toString()).contains("uaa: 2 items written to " + file);
    }

    private int run(String... args) {
        String[] withGateway = new String[args.length + 2];
        System.arraycopy(args, 0, withGateway, 0, args.length);
        withGateway[args.length] = "--gateway";
        withGateway[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
        CommandLine command = ChatAdmin.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(withGateway);
    }
}
