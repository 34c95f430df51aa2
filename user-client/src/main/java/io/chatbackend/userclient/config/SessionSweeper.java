package io.chatbackend.userclient.config;

import io.chatbackend.userclient.session.Presence;
import io.chatbackend.userclient.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ends expired sessions and publishes presence changes whose debounce window has passed. Both read persisted
 * times only, so a restart (or another instance) simply carries on; a failed round is retried on the next one.
 */
class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final Sessions sessions;
    private final Presence presence;

    SessionSweeper(Sessions sessions, Presence presence) {
        this.sessions = sessions;
        this.presence = presence;
    }

    @Scheduled(fixedDelayString = "${chat.user-client.sweep-interval:PT1S}")
    void sweep() {
        try {
            int ended = sessions.sweepExpired();
            if (ended > 0) {
                log.debug("{} expired sessions ended", ended);
            }
            while (presence.publishDue() > 0) {
                // publish in batches until nothing is due
            }
        } catch (RuntimeException e) {
            log.warn("Session sweep failed; retrying on the next round: {}", e.toString());
        }
    }
}
