package io.chatbackend.notification.session;

import io.chatbackend.notification.routing.Assignment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * After a rebalance, closes the sessions whose user's partition this node no longer holds (their deliveries now go
 * to another node) with status 4409 "moved": the client gets a new ticket, which names the new owner, and resumes
 * there. Also closes sessions that never belonged here (opened with a fall-back ticket while the registry was
 * unreachable), so every session ends up where its deliveries are.
 */
public final class MovedSessions implements Consumer<Assignment> {

    /** WebSocket close status: the user's deliveries moved to another node; reconnect through a new ticket. */
    public static final int MOVED = 4409;
    private static final Logger log = LoggerFactory.getLogger(MovedSessions.class);

    private final SessionRegistry sessions;

    public MovedSessions(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void accept(Assignment assignment) {
        int moved = 0;
        for (LiveSession session : sessions.all()) {
            if (!assignment.holds(session.userId())) {
                session.terminate(MOVED, "moved");
                moved++;
            }
        }
        if (moved > 0) {
            log.info("{} sessions closed (4409 moved): their users' partitions went to other nodes", moved);
        }
    }
}
