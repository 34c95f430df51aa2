package io.chatbackend.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded context stood in by the JDK's HTTP server. It reads the whole body, answers
 * "{@code <context> <METHOD> <path>}" and remembers each request it saw under its X-Request-Id, so a test can check
 * what the gateway forwarded. The UAA stand-in also serves the token issuer's JWKS, as UAA does.
 */
final class StandInContext {

    /** What a context saw of one request: lower-case header names, as HTTP treats them. */
    record SeenRequest(String method, String path, Map<String, List<String>> headers, int bodyBytes) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private final String name;
    private final Duration delay;
    private final HttpServer server;
    private final Map<String, SeenRequest> seen = new ConcurrentHashMap<>();

    private StandInContext(String name, String jwksJson, Duration delay) {
        this.name = name;
        this.delay = delay;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        if (jwksJson != null) {
            server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, jwksJson));
        }
        server.start();
    }

    static StandInContext start(String name) {
        return new StandInContext(name, null, Duration.ZERO);
    }

    /** A context that takes this long before it answers anything. */
    static StandInContext startSlow(String name, Duration delay) {
        return new StandInContext(name, null, delay);
    }

    static StandInContext startUaa(TestTokenIssuer issuer) {
        return new StandInContext("uaa", issuer.jwksJson(), Duration.ZERO);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    SeenRequest seen(String requestId) {
        return seen.get(requestId);
    }

    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        int bodyBytes = exchange.getRequestBody().readAllBytes().length;
        pause();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), values));
        String path = exchange.getRequestURI().getPath();
        SeenRequest request = new SeenRequest(exchange.getRequestMethod(), path, headers, bodyBytes);
        String requestId = request.header("X-Request-Id");
        if (requestId != null) {
            seen.put(requestId, request);
        }
        respond(exchange, name + " " + exchange.getRequestMethod() + " " + path);
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
