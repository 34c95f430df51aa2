package io.chatbackend.notification.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The live sessions on this node, by user: where the node's deliveries go. */
public final class SessionRegistry {

    private final Map<UUID, Set<LiveSession>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    public void add(LiveSession session) {
        byUser.compute(session.userId(), (user, sessions) -> {
            Set<LiveSession> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            if (set.add(session)) {
                count.incrementAndGet();
            }
            return set;
        });
    }

    public void remove(LiveSession session) {
        byUser.computeIfPresent(session.userId(), (user, sessions) -> {
            if (sessions.remove(session)) {
                count.decrementAndGet();
            }
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** The user's sessions on this node (a snapshot; empty if none). */
    public List<LiveSession> sessionsOf(UUID userId) {
        Set<LiveSession> sessions = byUser.get(userId);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }

    /** Every live session on this node (a snapshot). */
    public List<LiveSession> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /** Whether the session is (still) live on this node. */
    public boolean contains(LiveSession session) {
        Set<LiveSession> sessions = byUser.get(session.userId());
        return sessions != null && sessions.contains(session);
    }

    /** Live sessions on this node. */
    public int size() {
        return count.get();
    }
}
