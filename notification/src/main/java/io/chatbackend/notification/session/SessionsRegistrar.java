package io.chatbackend.notification.session;

import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChanges;
import io.chatbackend.userclient.contract.SessionChangesResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps user-client's live sessions registry (ADR 0014) in step with this node, with calls per node rather than per
 * session: the sessions opened and ended meanwhile go to user-client together ({@code POST
 * /internal/sessions/changes}, at most {@link SessionChanges#MAX_ENTRIES} a call, one call in flight), and every
 * {@code heartbeat-interval} (a {@code PeriodicTask} calls {@link #heartbeat}) the node's registered sessions are
 * extended in calls of 1,000. Nothing waits for a batch to fill: a lone change goes at once, and what arrives while a
 * call is in flight goes in the next one, so a reconnect storm of 10,000 sessions takes about ten calls, not 10,000.
 *
 * <p>Best effort, and never the authority over a socket: a session user-client does not know (its registration
 * failed, or it expired while user-client or this node was overloaded, or user-client lost its registry) is
 * registered again on the next tick rather than closed; only a refusal of the device closes it (4401). While
 * user-client does not answer, changes wait for the next tick (no call per change meanwhile) and sessions stay open:
 * a slow or restarting user-client delays presence, it never closes sessions.
 */
public final class SessionsRegistrar implements SessionHooks {

    private static final Logger log = LoggerFactory.getLogger(SessionsRegistrar.class);
    /**
     * Ends kept for user-client while it does not answer; beyond, the oldest are let go (its TTL ends those sessions
     * a little later), so a long outage under churn holds bounded memory.
     */
    private static final int MAX_WAITING_ENDS = 100_000;
    /** user-client takes at most this many ids per heartbeat call. */
    private static final int HEARTBEAT_BATCH = 1000;
    public static final int REVOKED = 4401;

    private final UserClientApi api;
    private final SessionRegistry registry;
    private final String nodeId;
    /** Sessions whose registration user-client confirmed (only those are heartbeated). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** Opened sessions to register with the next call. */
    private final Map<String, LiveSession> toRegister = new ConcurrentHashMap<>();
    /** Ended sessions to end with the next call (at most {@link #MAX_WAITING_ENDS} kept while user-client is down). */
    private final Set<String> toEnd = ConcurrentHashMap.newKeySet();
    /** Sessions whose registration is in the call in flight. */
    private final Set<String> registering = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean calling = new AtomicBoolean();
    /** Set when a call failed: changes wait for the next tick instead of calling a user-client that is down. */
    private volatile boolean waitForTick;

    public SessionsRegistrar(UserClientApi api, SessionRegistry registry, String nodeId) {
        this.api = api;
        this.registry = registry;
        this.nodeId = nodeId;
    }

    @Override
    public void opened(LiveSession session) {
        toRegister.put(session.id(), session);
        send();
    }

    @Override
    public void closed(LiveSession session) {
        registered.remove(session.id());
        toRegister.remove(session.id());
        toEnd.add(session.id()); // also if its registration is in flight: the end goes in the next call
        send();
    }

    /**
     * One tick (also called by tests): sends the changes still waiting, registers the live sessions user-client does
     * not know yet, and heartbeats the registered ones.
     */
    public void heartbeat() {
        waitForTick = false;
        List<LiveSession> live = registry.all();
        List<LiveSession> confirmed = new ArrayList<>();
        for (LiveSession session : live) {
            if (registered.contains(session.id())) {
                confirmed.add(session);
            } else if (!registering.contains(session.id())) {
                toRegister.putIfAbsent(session.id(), session);
            }
        }
        send();
        List<List<LiveSession>> batches = new ArrayList<>();
        for (int from = 0; from < confirmed.size(); from += HEARTBEAT_BATCH) {
            batches.add(confirmed.subList(from, Math.min(confirmed.size(), from + HEARTBEAT_BATCH)));
        }
        // one call after the other: 19 calls of 1,000 at once timed out on a loaded box (issue 14's bench-ws run)
        Flux.fromIterable(batches)
                .concatMap(batch -> api.heartbeat(nodeId, batch.stream().map(LiveSession::id).toList())
                        .doOnNext(unknown -> registerAgain(batch, unknown))
                        .onErrorResume(error -> {
                            log.warn("Heartbeat of {} sessions failed (retried next tick): {}", batch.size(),
                                    error.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    public String nodeId() {
        return nodeId;
    }

    private void registerAgain(List<LiveSession> batch, List<String> unknown) {
        Set<String> gone = new HashSet<>(unknown);
        int again = 0;
        for (LiveSession session : batch) {
            if (gone.contains(session.id()) && registered.remove(session.id()) && registry.contains(session)) {
                toRegister.putIfAbsent(session.id(), session);
                again++;
            }
        }
        if (again > 0) {
            log.info("{} sessions unknown to user-client (expired or registry lost); registering them again", again);
        }
        send();
    }

    /** Sends what waits, unless a call is in flight (it sends again when it ends) or user-client is down. */
    private void send() {
        if (waitForTick || (toRegister.isEmpty() && toEnd.isEmpty()) || !calling.compareAndSet(false, true)) {
            return;
        }
        List<String> ended = take(toEnd.iterator(), SessionChanges.MAX_ENTRIES);
        Map<String, LiveSession> opened = new LinkedHashMap<>();
        Iterator<LiveSession> waiting = toRegister.values().iterator();
        while (opened.size() + ended.size() < SessionChanges.MAX_ENTRIES && waiting.hasNext()) {
            LiveSession session = waiting.next();
            waiting.remove();
            opened.put(session.id(), session);
        }
        if (opened.isEmpty() && ended.isEmpty()) { // taken meanwhile by a close
            calling.set(false);
            return;
        }
        registering.addAll(opened.keySet());
        api.changes(nodeId, opened.values().stream()
                        .map(s -> new NodeSession(s.id(), s.userId(), s.deviceId())).toList(), ended)
                .doOnNext(result -> applied(opened, result))
                .doOnError(error -> failed(opened, ended, error))
                .onErrorComplete()
                .doFinally(signal -> {
                    registering.removeAll(opened.keySet());
                    calling.set(false);
                    send();
                })
                .subscribe();
    }

    private void applied(Map<String, LiveSession> opened, SessionChangesResult result) {
        for (String id : result.registered()) {
            LiveSession session = opened.get(id);
            if (session != null && registry.contains(session)) {
                registered.add(id);
            } else if (session != null) {
                toEnd.add(id); // closed while its registration was in flight
            }
        }
        for (String id : result.revoked()) {
            LiveSession session = opened.get(id);
            if (session != null) {
                log.info("Session {}: device {} of {} is revoked; closing", id, session.deviceId(), session.userId());
                session.terminate(REVOKED, "revoked");
            }
        }
        if (!result.conflicting().isEmpty()) {
            log.warn("Sessions {} not registered: their ids are registered for another user or device",
                    result.conflicting());
        }
    }

    private void failed(Map<String, LiveSession> opened, List<String> ended, Throwable error) {
        log.warn("Session changes ({} opened, {} ended) not sent to user-client (retried next tick): {}",
                opened.size(), ended.size(), error.toString());
        waitForTick = true;
        if (toEnd.size() + ended.size() <= MAX_WAITING_ENDS) {
            toEnd.addAll(ended);
        }
        // the opened ones are registered by the next tick if they are still live
    }

    private static List<String> take(Iterator<String> from, int max) {
        List<String> taken = new ArrayList<>();
        while (taken.size() < max && from.hasNext()) {
            taken.add(from.next());
            from.remove();
        }
        return taken;
    }
}
