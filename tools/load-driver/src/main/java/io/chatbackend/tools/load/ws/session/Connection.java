package io.chatbackend.tools.load.ws.session;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebSocket of a {@link Client}, as a client uses it: on {@code welcome} it sends {@code resume} with what the
 * client holds, then hands every message frame to the client's ledger and the phase's listener. A {@code gap} (the
 * node dropped frames) or a close it did not ask for makes it report the connection lost, and the connector opens
 * a new one that resumes from what the client holds. Frames arrive one at a time (it asks for the next after each).
 */
final class Connection implements WebSocket.Listener {

    private final Client client;
    private final SessionEvents events;
    private final Consumer<Connection> onLost;
    private final CompletableFuture<Long> welcomed = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closing;
    /** A frame in parts (rare: only frames larger than the client's buffer); null otherwise. */
    private StringBuilder partial;
    private long lastSessionSeq;

    Connection(Client client, SessionEvents events, Consumer<Connection> onLost) {
        this.client = client;
        this.events = events;
        this.onLost = onLost;
    }

    Client client() {
        return client;
    }

    /** Waits for the {@code welcome} (and the resume sent in answer). */
    void awaitWelcome(long seconds) throws Exception {
        welcomed.get(seconds, TimeUnit.SECONDS);
    }

    boolean wasWelcomed() {
        return welcomed.isDone() && !welcomed.isCompletedExceptionally();
    }

    boolean isLive() {
        return welcomed.isDone() && !welcomed.isCompletedExceptionally() && !closed.isDone() && !closing;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (closing) { // given up on while it was still opening
            webSocket.abort();
            return;
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            (partial == null ? partial = new StringBuilder() : partial).append(data);
        } else {
            String frame = partial == null ? data.toString() : partial.append(data).toString();
            partial = null;
            handle(FrameFields.parse(frame), System.nanoTime());
        }
        webSocket.request(1);
        return null;
    }

    private void handle(FrameFields frame, long now) {
        events.frame(now);
        if (frame.sessionSeq() > lastSessionSeq + 1) {
            events.sessionSeqHole(frame.sessionSeq() - lastSessionSeq - 1);
        }
        lastSessionSeq = Math.max(lastSessionSeq, frame.sessionSeq());
        if (closing || client.current() != this) {
            if (frame.is("message")) {
                events.stale();
            }
            return;
        }
        if (frame.is("welcome")) {
            Map<String, Long> held = client.ledger().startConnection(now);
            socket.sendText(resumeFrame(held), true);
            welcomed.complete(now);
        } else if (frame.is("message")) {
            boolean firstCopy = client.ledger().message(frame.dialogId(), frame.dialogSeq(), frame.messageId(),
                    frame.senderId(), frame.senderSeq(), now);
            events.message(client, frame, firstCopy, now);
        } else if (frame.is("gap")) {
            events.gap();
            onLost.accept(this); // resume from what is held, on a new connection: a clean boundary to check
        }
    }

    static String resumeFrame(Map<String, Long> held) {
        StringBuilder frame = new StringBuilder("{\"type\":\"resume\",\"dialogs\":{");
        held.forEach((dialog, seq) -> frame.append(frame.charAt(frame.length() - 1) == '{' ? "" : ",")
                .append('"').append(dialog).append("\":").append(seq));
        return frame.append("}}").toString();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended(new IOException("closed by the server: " + statusCode + " " + reason), statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(error, -1);
    }

    private void ended(Throwable why, int status) {
        closed.complete(null);
        if (!closing) {
            events.closedByServer(status);
            welcomed.completeExceptionally(why);
            onLost.accept(this);
        }
    }

    /** Closes the socket (aborted if the server does not answer the close within 10 s); done once closed. */
    CompletableFuture<Void> close() {
        closing = true;
        welcomed.completeExceptionally(new IOException("closed by the client"));
        WebSocket open = socket;
        if (open == null) {
            closed.complete(null);
            return closed;
        }
        open.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        return closed.completeOnTimeout(null, 10, TimeUnit.SECONDS).whenComplete((done, error) -> open.abort());
    }
}
