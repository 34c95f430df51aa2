package io.chatbackend.platform.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that records every frame it receives, in order. Reading can be paused: the
 * client then asks for nothing more, the JDK stops reading the socket, and the server's writes back up (a slow
 * client). How the session ended is kept too: the close status and reason the server sent (e.g. 4401 "revoked").
 */
public final class WsClient implements AutoCloseable {

    /** {@link #closeStatus()} while nothing ended the session. */
    public static final int OPEN = -1;
    /** {@link #closeStatus()} when the connection broke without a close frame (or was aborted). */
    public static final int ABORTED = -2;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean paused;
    private boolean waitingForDemand;
    private volatile int closeStatus = OPEN;
    private volatile String closeReason;

    private WsClient() {
    }

    /** Opens a session; fails (with the handshake's status) if the server refuses the upgrade. */
    public static WsClient connect(String url, boolean paused) throws Exception {
        WsClient client = new WsClient();
        client.paused = paused;
        client.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), client.listener())
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** All frames received so far, in order. */
    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The frames of one {@code type} received so far. */
    public synchronized List<JsonNode> frames(String type) {
        return frames.stream().filter(frame -> type.equals(frame.get("type").asString())).toList();
    }

    /** The {@code message} frames received so far. */
    public List<JsonNode> messages() {
        return frames("message");
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resumeReading() {
        paused = false;
        if (waitingForDemand) {
            waitingForDemand = false;
            socket.request(1);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close status the server sent, {@link #OPEN} before, {@link #ABORTED} if the connection broke. */
    public int closeStatus() {
        return closeStatus;
    }

    /** The server's close reason (or the error that broke the connection); null while open. */
    public String closeReason() {
        return closeReason;
    }

    /** Drops the connection without a close handshake. */
    public void abort() {
        socket.abort();
        if (closeStatus == OPEN) {
            closeStatus = ABORTED;
        }
        closed.complete(null);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                synchronized (WsClient.this) {
                    partial.append(data);
                    if (last) {
                        frames.add(json.readTree(partial.toString()));
                        partial.setLength(0);
                    }
                    if (paused) {
                        waitingForDemand = true;
                    } else {
                        webSocket.request(1);
                    }
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = reason;
                closeStatus = statusCode;
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeReason = error.toString();
                closeStatus = ABORTED;
                closed.completeExceptionally(error);
            }
        };
    }
}
