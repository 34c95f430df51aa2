package io.chatbackend.tools.load.ws.session;

import io.chatbackend.tools.load.ws.check.ClientLedger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client device of a provisioned user, as the driver holds it over its connections: at most one current
 * WebSocket ({@link Connection}), and the checker's {@link ClientLedger} of what it received. Small on purpose: a
 * run holds ten thousand and more.
 */
public final class Client {

    private final Credentials credentials;
    private final ClientLedger ledger;
    private final AtomicReference<Connection> current = new AtomicReference<>();
    /** Whether the driver wants it connected: a connection lost meanwhile is opened again. */
    private volatile boolean wanted;

    public Client(Credentials credentials, ClientLedger ledger) {
        this.credentials = credentials;
        this.ledger = ledger;
    }

    public Credentials credentials() {
        return credentials;
    }

    public ClientLedger ledger() {
        return ledger;
    }

    public String label() {
        return ledger.label();
    }

    /** Whether its current connection was welcomed and is still open. */
    public boolean isConnected() {
        Connection connection = current.get();
        return connection != null && connection.isLive();
    }

    /** Closes the current connection; frames still in flight on it are ignored, as a closed client would. */
    public CompletableFuture<Void> disconnect() {
        wanted = false;
        Connection connection = current.getAndSet(null);
        return connection == null ? CompletableFuture.completedFuture(null) : connection.close();
    }

    Connection current() {
        return current.get();
    }

    void current(Connection connection) {
        current.set(connection);
    }

    /** Replaces {@code expected} as the current connection; false when another one replaced it first. */
    boolean replace(Connection expected, Connection next) {
        return current.compareAndSet(expected, next);
    }

    boolean wanted() {
        return wanted;
    }

    void wanted(boolean wanted) {
        this.wanted = wanted;
    }

    @Override
    public String toString() {
        return label();
    }
}
