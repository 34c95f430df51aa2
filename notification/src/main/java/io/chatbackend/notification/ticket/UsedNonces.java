package io.chatbackend.notification.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of tickets already used on this node, each remembered until its ticket expires (after that the
 * signature check refuses the ticket anyway), so memory stays bounded by the tickets of one validity period.
 *
 * <p>Per node: a ticket is meant for one node (the one that owns the user's deliveries, see ADR 0013), so a
 * node-local memory is enough to make it single-use.
 */
public final class UsedNonces {

    private final Clock clock;
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    public UsedNonces(Clock clock) {
        this.clock = clock;
    }

    /** True if this ticket was not used before (and now is); false on reuse. */
    public boolean markUsed(WsTicket ticket) {
        sweepNowAndThen();
        return used.putIfAbsent(ticket.nonce(), ticket.expiresAt()) == null;
    }

    /** Nonces remembered now. */
    public int size() {
        return used.size();
    }

    private void sweepNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plusSeconds(1);
        for (Iterator<Instant> expiries = used.values().iterator(); expiries.hasNext(); ) {
            if (!expiries.next().isAfter(now)) {
                expiries.remove();
            }
        }
    }
}
