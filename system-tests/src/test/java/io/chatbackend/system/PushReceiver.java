package io.chatbackend.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/** A device's push webhook (a JDK HTTP server on 127.0.0.1) that records every POST and answers 204. */
final class PushReceiver implements AutoCloseable {

    /** One POST as received. */
    record Push(String path, String timestamp, String signature, String body) {
    }

    private final HttpServer server;
    private final List<Push> received = new ArrayList<>();

    PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Push push = new Push(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("X-Chat-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Chat-Signature"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                synchronized (this) {
                    received.add(push);
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized List<Push> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
