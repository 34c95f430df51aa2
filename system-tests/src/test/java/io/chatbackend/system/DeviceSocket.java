package io.chatbackend.system;

import java.time.Duration;
import java.util.List;

import io.chatbackend.platform.testing.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * One device's WebSocket session as a client sees it (test-support's {@link WsClient}: every server frame in arrival
 * order and how the session ended, e.g. 4401 "revoked"), with a label for messages and the waits the system tests
 * need.
 */
final class DeviceSocket implements AutoCloseable {

    /** Nothing ended the session yet. */
    static final int OPEN = WsClient.OPEN;
    /** The connection broke without a close frame. */
    static final int ABORTED = WsClient.ABORTED;

    final String label;
    private final String url;
    private final WsClient client;

    private DeviceSocket(String label, String url, WsClient client) {
        this.label = label;
        this.url = url;
        this.client = client;
    }

    /** Opens a session; fails if the upgrade is refused. */
    static DeviceSocket open(String label, String url) throws Exception {
        return new DeviceSocket(label, url, WsClient.connect(url, false));
    }

    /** Where the session was opened (the node, or the gateway in front of it), with its ticket. */
    String url() {
        return url;
    }

    /** Stops reading: frames pile up in the socket buffers, then in the node's queue for this session. */
    void pause() {
        client.pause();
    }

    void resumeReading() {
        client.resumeReading();
    }

    void send(String frame) {
        client.send(frame);
    }

    /** Every server frame so far, in arrival order. */
    List<JsonNode> frames() {
        return client.frames();
    }

    /** The server frames of one {@code type} so far. */
    List<JsonNode> frames(String type) {
        return client.frames(type);
    }

    List<JsonNode> messages() {
        return client.messages();
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
        return Api.await(label + " closed", patience, client::closeStatus, status -> status != OPEN);
    }

    int closeStatus() {
        return client.closeStatus();
    }

    String closeReason() {
        return client.closeReason();
    }

    boolean isOpen() {
        return client.closeStatus() == OPEN;
    }

    @Override
    public void close() {
        if (!isOpen()) {
            return;
        }
        client.close();
        try {
            awaitClosed(Duration.ofSeconds(10));
        } catch (AssertionError e) {
            client.abort();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
