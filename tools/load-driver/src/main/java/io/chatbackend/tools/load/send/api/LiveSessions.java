package io.chatbackend.tools.load.send.api;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.User;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live WebSocket session per listening user, opened as a client does (a ticket through the gateway, the socket
 * at the URL the ticket names, then {@code resume}), so the notification node really pushes every message while
 * the benchmark runs. Frames are scanned, not parsed: a group run brings a frame per member per send.
 */
public final class LiveSessions implements AutoCloseable {

    /** Told of each message frame carrying a benchmark send's marker. */
    public interface DeliveryListener {
        void delivered(long sendIndex, long arrivedNanos);
    }

    public static final String MARKER = "bench-";
    private static final String TEXT_MARKER = "\"text\":\"" + MARKER;
    /** Five tries, 250 ms apart at first and doubling, each pause jittered by half; an interrupt is not retried. */
    private static final RetryConfig OPEN_RETRY = RetryConfig.custom()
            .maxAttempts(5)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(250), 2.0, 0.5))
            .ignoreExceptions(InterruptedException.class)
            .build();

    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong failedToOpen = new AtomicLong();
    private final AtomicLong retriedOpens = new AtomicLong();
    private final Retry openRetry = Retry.of("open-session", OPEN_RETRY);
    private volatile DeliveryListener listener = (index, at) -> { };

    private LiveSessions() {
        openRetry.getEventPublisher().onRetry(event -> retriedOpens.incrementAndGet());
    }

    /** Opens a session for every user, {@code parallel} at a time (a ticket lives 30 s: each is asked right before). */
    public static LiveSessions open(GatewayClient gateway, List<User> users, int parallel) throws InterruptedException {
        LiveSessions sessions = new LiveSessions();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        for (User user : users) {
            pool.execute(() -> sessions.openOne(gateway, user));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return sessions;
    }

    /**
     * Opens one user's session, asking for a fresh ticket on each try: the gateway's per-address rate limit and the
     * node's admission control refuse some handshakes while a thousand sessions open from one address at once, and a
     * refused one is tried again after a growing, jittered pause ({@link #OPEN_RETRY}), so the measured run has the
     * sessions it reports.
     */
    private void openOne(GatewayClient gateway, User user) {
        try {
            WebSocket socket = Retry.decorateCheckedSupplier(openRetry, () -> {
                WebSocket opened = gateway.http().newWebSocketBuilder()
                        .buildAsync(gateway.ticket(user).connectUri(), new Listener()).get(60, TimeUnit.SECONDS);
                opened.sendText("{\"type\":\"resume\",\"dialogs\":{}}", true).get(10, TimeUnit.SECONDS);
                return opened;
            }).get();
            synchronized (sockets) {
                sockets.add(socket);
            }
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (failedToOpen.incrementAndGet() <= 3) {
                System.out.println("a session did not open after " + OPEN_RETRY.getMaxAttempts() + " tries: "
                        + describe(e));
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebSocketHandshakeException refused) {
            return "handshake refused with " + refused.getResponse().statusCode();
        }
        return cause.toString();
    }

    /** Handshakes that were refused or failed and then tried again. */
    public long retriedOpens() {
        return retriedOpens.get();
    }

    public void listen(DeliveryListener listener) {
        this.listener = listener;
    }

    public int open() {
        synchronized (sockets) {
            return sockets.size();
        }
    }

    public long failedToOpen() {
        return failedToOpen.get();
    }

    public long messageFrames() {
        return frames.get();
    }

    public long gapFrames() {
        return gaps.get();
    }

    public long closedByServer() {
        return closedByServer.get();
    }

    /** The send index in a frame's text ({@code "text":"bench-42"}), or -1. */
    static long sendIndexOf(CharSequence frame) {
        String text = frame.toString();
        int at = text.indexOf(TEXT_MARKER);
        if (at < 0) {
            return -1;
        }
        int from = at + TEXT_MARKER.length();
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to > from ? Long.parseLong(text, from, to, 10) : -1;
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            sockets.clear();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                if (partial.indexOf("\"type\":\"message\"") >= 0) {
                    frames.incrementAndGet();
                    long index = sendIndexOf(partial);
                    if (index >= 0) {
                        listener.delivered(index, now);
                    }
                } else if (partial.indexOf("\"type\":\"gap\"") >= 0) {
                    gaps.incrementAndGet();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.incrementAndGet();
            return null;
        }
    }
}
