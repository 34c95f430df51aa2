package io.chatbackend.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * One device's WebSocket session as a client sees it (the JDK's client): every server frame in arrival order, and
 * how the session ended (the close status and reason the server sent, e.g. 4401 "revoked"). test-support's
 * {@code WsClient} records frames only; revocation needs the close status too.
 */
final class DeviceSocket implements AutoCloseable {

    /** Nothing ended the session yet. */
    static final int OPEN = -1;
    /** The connection broke without a close frame. */
    static final int ABORTED = -2;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String label;
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile int closeStatus = OPEN;
    private volatile String closeReason;

    private DeviceSocket(String label) {
        this.label = label;
    }

    /** Opens a session; fails if the upgrade is refused. */
    static DeviceSocket open(String label, String url) throws Exception {
        DeviceSocket device = new DeviceSocket(label);
        device.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), device.listener())
                .get(10, TimeUnit.SECONDS);
        return device;
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Every server frame so far, in arrival order. */
    synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The server frames of one {@code type} so far. */
    synchronized List<JsonNode> frames(String type) {
        return frames.stream().filter(frame -> type.equals(frame.get("type").asString())).toList();
    }

    List<JsonNode> messages() {
        return frames("message");
    }

    /** Waits until at least {@code count} frames of {@code type} arrived and answers all of them. */
    List<JsonNode> await(String type, int count, Duration patience) {
        return Api.await(label + ": " + count + " " + type + " frames", patience, () -> frames(type),
                list -> list.size() >= count);
    }

    /**
     * A barrier: a {@code ping} answered by its {@code pong}. The node handles a session's client frames in order
     * and numbers frames as it produces them, so everything the node produced for this session before it read the
     * ping (e.g. frames of an event it handled for all sessions at once) is here when this returns.
     */
    void sync(Duration patience) {
        int pongs = frames("pong").size();
        send("{\"type\":\"ping\"}");
        await("pong", pongs + 1, patience);
    }

    /** The close status the server sent, once the session ended. */
    int awaitClosed(Duration patience) {
        return Api.await(label + " closed", patience, () -> closeStatus, status -> status != OPEN);
    }

    int closeStatus() {
        return closeStatus;
    }

    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        return closeStatus == OPEN;
    }

    @Override
    public void close() {
        if (!isOpen()) {
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            awaitClosed(Duration.ofSeconds(10));
        } catch (Exception | AssertionError e) {
            socket.abort();
            closeStatus = ABORTED;
        }
    }

    @Override
    public String toString() {
        return label;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                synchronized (DeviceSocket.this) {
                    partial.append(data);
                    if (last) {
                        frames.add(Api.JSON.readTree(partial.toString()));
                        partial.setLength(0);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = reason;
                closeStatus = statusCode;
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeReason = error.toString();
                closeStatus = ABORTED;
            }
        };
    }
}
