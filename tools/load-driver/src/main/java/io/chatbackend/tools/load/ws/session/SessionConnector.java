package io.chatbackend.tools.load.ws.session;

import io.chatbackend.tools.load.common.api.GatewayClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens clients' sessions as a client does: a ticket through the gateway, the socket at the URL the ticket names,
 * {@code resume} on {@code welcome}; a bounded number at a time, each with a few attempts (a ticket lives 30 s, so
 * each is asked right before its socket). The sockets have their own HTTP client with a small executor, so tens
 * of thousands of sessions cost a few threads, not one each. An upgrade refused by the gateway's rate limit (429:
 * all of the driver's upgrades come from one address) is tried again after its {@code Retry-After}, counted apart
 * from failures. A connection lost while its client is wanted (a
 * {@code gap}, a close by the server) is opened again in the background.
 */
public final class SessionConnector implements AutoCloseable {

    private static final int ATTEMPTS = 5;
    /** Upgrades refused by the gateway's rate limit (429) are retried after its Retry-After, this often at most. */
    private static final int RATE_LIMITED_RETRIES = 1_000;
    private static final long WELCOME_SECONDS = 60;
    private static final int ERRORS_SHOWN = 5;

    private final GatewayClient gateway;
    private final SessionEvents events;
    private final ExecutorService socketExecutor = Executors.newFixedThreadPool(4, daemon("ws-io"));
    private final HttpClient sockets = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .executor(socketExecutor).build();
    private final ExecutorService reconnector = Executors.newFixedThreadPool(8, daemon("ws-reconnect"));
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicInteger errorsShown = new AtomicInteger();

    /** Where sockets go instead of the URL the ticket names (null: the ticket's URL). */
    private final String socketUrl;

    /**
     * @param socketUrl the WebSocket URL to connect to instead of the one each ticket names (the node's own, as in
     *                  scale mode: the gateway then holds no socket), or null
     */
    public SessionConnector(GatewayClient gateway, SessionEvents events, String socketUrl) {
        this.gateway = gateway;
        this.events = events;
        this.socketUrl = socketUrl;
    }

    /** Opens every client's session, {@code parallel} at a time; returns once each is connected or gave up. */
    public ConnectOutcome connectAll(List<Client> clients, int parallel) throws InterruptedException {
        long start = System.nanoTime();
        long failedBefore = failedAttempts.get();
        long rateLimitedBefore = rateLimited.get();
        errorsShown.set(0);
        AtomicInteger connected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, clients.size())),
                daemon("ws-connect"));
        for (Client client : clients) {
            client.wanted(true);
            pool.execute(() -> {
                if (connect(client)) {
                    connected.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(6, TimeUnit.HOURS);
        return new ConnectOutcome(clients.size(), connected.get(), failedAttempts.get() - failedBefore,
                rateLimited.get() - rateLimitedBefore, (System.nanoTime() - start) / 1e9);
    }

    /** Closes every client's session and waits (at most 30 s) until the sockets are closed. */
    public void disconnectAll(List<Client> clients) {
        CompletableFuture<?>[] closing = clients.stream().map(Client::disconnect).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closes not answered in time were aborted; nothing else to do
        }
    }

    /** Connections opened again after a loss (a gap, a close by the server). */
    public long reconnects() {
        return reconnects.get();
    }

    private boolean connect(Client client) {
        int waits = 0;
        for (int attempt = 1; attempt <= ATTEMPTS && client.wanted(); attempt++) {
            Connection connection = new Connection(client, events, this::lost);
            client.current(connection);
            try {
                GatewayClient.Ticket ticket = gateway.ticket(client.credentials().user());
                java.net.URI uri = socketUrl == null ? ticket.connectUri()
                        : java.net.URI.create(socketUrl + "?ticket=" + ticket.ticket());
                sockets.newWebSocketBuilder().buildAsync(uri, connection)
                        .get(WELCOME_SECONDS, TimeUnit.SECONDS);
                connection.awaitWelcome(WELCOME_SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                client.replace(connection, null);
                connection.close();
                long retryAfter = rateLimitedFor(e);
                if (retryAfter >= 0 && waits++ < RATE_LIMITED_RETRIES) {
                    // the gateway's per-address limit (all of this driver's upgrades come from one address)
                    rateLimited.incrementAndGet();
                    pause(retryAfter * 1_000 + ThreadLocalRandom.current().nextLong(1_000));
                    attempt--;
                    continue;
                }
                failedAttempts.incrementAndGet();
                if (errorsShown.incrementAndGet() <= ERRORS_SHOWN) {
                    System.out.printf("  a session did not open (%s, attempt %d): %s%n", client.label(), attempt,
                            why(e));
                }
                pause(1_000L * attempt);
            }
        }
        return false;
    }

    /** A connection ended or reported a gap: if it is still its client's and the client is wanted, reconnect. */
    private void lost(Connection connection) {
        Client client = connection.client();
        if (!connection.wasWelcomed() || !client.wanted() || client.current() != connection) {
            // one that never got its welcome is the connecting attempt's to retry
            return;
        }
        reconnector.execute(() -> {
            if (client.replace(connection, null)) {
                connection.close();
                reconnects.incrementAndGet();
                connect(client);
            }
        });
    }

    /** The Retry-After of an upgrade refused with 429 (0 when absent), or -1 for any other failure. */
    static long rateLimitedFor(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.net.http.WebSocketHandshakeException refused && refused.getResponse() != null
                && refused.getResponse().statusCode() == 429) {
            return refused.getResponse().headers().firstValue("Retry-After").map(value -> {
                try {
                    return Math.max(0, Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    return 1L;
                }
            }).orElse(0L);
        }
        return -1;
    }

    /** The failure in words; a refused upgrade with the status and the start of the body it was answered with. */
    static String why(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.net.http.WebSocketHandshakeException refused && refused.getResponse() != null) {
            Object body = refused.getResponse().body();
            String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(body);
            return "upgrade refused with " + refused.getResponse().statusCode() + ": "
                    + text.substring(0, Math.min(200, text.length())).replaceAll("\\s+", " ");
        }
        return cause.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        reconnector.shutdownNow();
        socketExecutor.shutdownNow();
    }
}
