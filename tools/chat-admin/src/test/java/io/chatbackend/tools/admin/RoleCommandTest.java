package io.chatbackend.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code chat-admin role} against a small local HTTP server playing the gateway. */
class RoleCommandTest {

    private final UUID user = UUID.randomUUID();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private int answer = 204;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer == 204 ? new byte[0]
                    : "{\"code\":\"USER_NOT_FOUND\",\"detail\":\"No user has this id.\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(answer, answer == 204 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void grantsAndRevokesWithTheAdministratorsToken() {
        assertThat(run("role", "grant", user.toString(), "--token", "admin-token")).isZero();
        assertThat(run("role", "revoke", user.toString(), "--token", "admin-token")).isZero();
        assertThat(requests).containsExactly(
                "PUT /api/v1/admin/users/" + user + "/roles/AUDITOR Bearer admin-token",
                "DELETE /api/v1/admin/users/" + user + "/roles/AUDITOR Bearer admin-token");
        assertThat(out.toString()).contains("Granted AUDITOR to " + user, "Revoked AUDITOR from " + user);
    }

    @Test
    void aRefusalIsNamedAndExitsWithOne() {
        answer = 404;
        assertThat(run("role", "grant", user.toString(), "--token", "admin-token")).isEqualTo(1);
        assertThat(err.toString()).contains("USER_NOT_FOUND");
    }

    @Test
    void withoutCredentialsNothingIsSent() {
        assertThat(run("role", "grant", user.toString(), "--token", "")).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--gateway", "http://127.0.0.1:" + server.getAddress().getPort()));
        CommandLine commandLine = ChatAdmin.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }
}
