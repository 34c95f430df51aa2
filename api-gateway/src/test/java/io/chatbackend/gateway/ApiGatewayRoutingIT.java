package io.chatbackend.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway is healthy and routes public paths to the owning context (here a stand-in HTTP server). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiGatewayRoutingIT {

    private static final Map<String, HttpServer> CONTEXTS = new LinkedHashMap<>();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        for (String context : List.of("uaa", "message-domain", "dialog-domain", "user-client", "notification")) {
            HttpServer server = standInContext(context);
            CONTEXTS.put(context, server);
            registry.add("chat.services." + context, () -> "http://127.0.0.1:" + server.getAddress().getPort());
        }
    }

    @AfterAll
    static void stop() {
        CONTEXTS.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isReady() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void routesEachPublicPathToItsContext() throws Exception {
        assertThat(get("/api/v1/auth/probe").body()).isEqualTo("uaa GET /api/v1/auth/probe");
        assertThat(get("/.well-known/openid-configuration").body())
                .isEqualTo("uaa GET /.well-known/openid-configuration");
        assertThat(get("/api/v1/dialogs").body()).isEqualTo("dialog-domain GET /api/v1/dialogs");
        assertThat(get("/api/v1/dialogs/d1/messages").body()).isEqualTo("dialog-domain GET /api/v1/dialogs/d1/messages");
        assertThat(get("/api/v1/messages/42").body()).isEqualTo("message-domain GET /api/v1/messages/42");
        assertThat(get("/api/v1/clients").body()).isEqualTo("user-client GET /api/v1/clients");
        assertThat(get("/api/v1/ws/ticket").body()).isEqualTo("notification GET /api/v1/ws/ticket");
        HttpResponse<String> send = http.send(HttpRequest.newBuilder(uri("/api/v1/dialogs/d1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(send.body()).isEqualTo("message-domain POST /api/v1/dialogs/d1/messages");
    }

    @Test
    void unknownPathsAreNotRouted() throws Exception {
        assertThat(get("/internal/tcc/try").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Answers "<context> <METHOD> <path as the context sees it>". */
    private static HttpServer standInContext(String context) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = (context + " " + exchange.getRequestMethod() + " " + path).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
