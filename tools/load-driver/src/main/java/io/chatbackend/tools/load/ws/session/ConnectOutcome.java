package io.chatbackend.tools.load.ws.session;

/**
 * How opening a batch of sessions went.
 *
 * @param clients        sessions to open
 * @param connected      of them, welcomed
 * @param failedAttempts attempts that failed (a ticket refused or timed out, a socket not opened or closed before
 *                       its welcome); each client has a few
 * @param rateLimited    upgrades the gateway refused with 429 (its per-address limit), tried again after its
 *                       {@code Retry-After}
 * @param seconds        how long opening all of them took
 */
public record ConnectOutcome(int clients, int connected, long failedAttempts, long rateLimited, double seconds) {

    public int neverConnected() {
        return clients - connected;
    }

    public String describe() {
        return String.format("%,d of %,d sessions connected in %.1f s (%,d failed attempts%s%s)", connected,
                clients, seconds, failedAttempts, rateLimited == 0 ? "" : String.format(", %,d upgrades refused "
                        + "429 by the gateway's per-address rate limit and retried after its Retry-After",
                        rateLimited), neverConnected() == 0 ? "" : String.format(", %,d sessions gave up",
                        neverConnected()));
    }
}
