package io.chatbackend.notification.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Which live sessions of this node subscribed to whose presence (a session's last {@code presence.subscribe}). */
public final class PresenceSubscriptions {

    private final Map<UUID, Set<LiveSession>> byTarget = new ConcurrentHashMap<>();

    /** Replaces the session's subscriptions. */
    public void subscribe(LiveSession session, Set<UUID> users) {
        unsubscribe(session);
        session.presenceSubscriptions(users);
        for (UUID user : users) {
            byTarget.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    public void unsubscribe(LiveSession session) {
        for (UUID user : session.presenceSubscriptions()) {
            byTarget.computeIfPresent(user, (u, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
        session.presenceSubscriptions(Set.of());
    }

    /** The sessions subscribed to the user's presence (a snapshot). */
    public List<LiveSession> subscribersOf(UUID user) {
        Set<LiveSession> sessions = byTarget.get(user);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }
}
