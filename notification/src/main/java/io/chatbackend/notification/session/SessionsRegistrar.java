package io.chatbackend.notification.session;

import io.chatbackend.notification.remote.RemoteProblem;
import io.chatbackend.notification.userclient.UserClientApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps user-client's live sessions registry (ADR 0014) in step with this node: registers each session when it
 * opens ({@code 409 CLIENT_REVOKED} closes it at once, 4401 "revoked"), heartbeats the node's sessions every
 * {@code heartbeat-interval} (a {@code PeriodicTask} calls {@link #heartbeat}) and ends a session when it closes. Best effort: a failure is logged and never blocks
 * delivery.
 *
 * <p>The registry is a guide for presence, not the authority over a socket: a session user-client no longer knows
 * (its heartbeats failed while user-client or this node was overloaded and it expired, or user-client lost its
 * registry) is registered again rather than closed, and only a refusal of the device closes it. Closing on an
 * "unknown" answer turned one slow heartbeat into thousands of reconnects (measured with 8,000 sessions). A session
 * whose registration failed is retried on the next tick.
 */
public final class SessionsRegistrar implements SessionHooks {

    private static final Logger log = LoggerFactory.getLogger(SessionsRegistrar.class);
    /** user-client takes at most this many ids per heartbeat call. */
    private static final int HEARTBEAT_BATCH = 1000;
    /** Registrations in flight at once when many sessions need one (after an outage): spares user-client. */
    private static final int REGISTRATION_CONCURRENCY = 16;
    public static final int REVOKED = 4401;

    private final UserClientApi api;
    private final SessionRegistry registry;
    private final String nodeId;
    /** Sessions whose registration user-client confirmed (only those are heartbeated). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** Sessions with a registration in flight (not registered twice at once). */
    private final Set<String> registering = ConcurrentHashMap.newKeySet();

    public SessionsRegistrar(UserClientApi api, SessionRegistry registry, String nodeId) {
        this.api = api;
        this.registry = registry;
        this.nodeId = nodeId;
    }

    @Override
    public void opened(LiveSession session) {
        registration(session).subscribe();
    }

    @Override
    public void closed(LiveSession session) {
        registered.remove(session.id());
        api.end(session.id()).subscribe(null,
                error -> log.debug("Session {} not ended in user-client: {}", session.id(), error.toString()));
    }

    /**
     * One tick (also called by tests): heartbeats every registered session of this node, registers those that are
     * not (a failed registration, or unknown to user-client at the last heartbeat).
     */
    public void heartbeat() {
        List<LiveSession> live = registry.all();
        List<LiveSession> confirmed = live.stream().filter(s -> registered.contains(s.id())).toList();
        Flux.fromIterable(live)
                .filter(s -> !registered.contains(s.id()))
                .flatMap(this::registration, REGISTRATION_CONCURRENCY)
                .subscribe();
        for (int from = 0; from < confirmed.size(); from += HEARTBEAT_BATCH) {
            List<LiveSession> batch = confirmed.subList(from, Math.min(confirmed.size(), from + HEARTBEAT_BATCH));
            api.heartbeat(nodeId, batch.stream().map(LiveSession::id).toList())
                    .flatMapMany(unknown -> {
                        Set<String> gone = new HashSet<>(unknown);
                        return Flux.fromIterable(batch).filter(s -> gone.contains(s.id()) && registered.remove(s.id()));
                    })
                    .doOnNext(s -> log.info("Session {} unknown to user-client (expired or registry lost); "
                            + "registering it again", s.id()))
                    .flatMap(this::registration, REGISTRATION_CONCURRENCY)
                    .subscribe(null, error -> log.warn("Heartbeat of {} sessions failed (retried next tick): {}",
                            batch.size(), error.toString()));
        }
    }

    /**
     * Registers the session unless a registration is in flight; a revoked device closes it. Completes either way
     * (failures are logged and left to the next tick).
     */
    private Mono<Void> registration(LiveSession session) {
        if (!registering.add(session.id())) {
            return Mono.empty();
        }
        return api.register(session.id(), session.userId(), session.deviceId(), nodeId)
                .doOnSuccess(ok -> {
                    if (registry.contains(session)) {
                        registered.add(session.id());
                    } else { // closed while registering: don't leave it in the registry until it expires
                        api.end(session.id()).subscribe(null, error -> log.debug("Session {} not ended: {}",
                                session.id(), error.toString()));
                    }
                })
                .onErrorResume(error -> {
                    if (error instanceof RemoteProblem problem && "CLIENT_REVOKED".equals(problem.code())) {
                        log.info("Session {}: device {} of {} is revoked; closing", session.id(),
                                session.deviceId(), session.userId());
                        session.terminate(REVOKED, "revoked");
                    } else {
                        log.warn("Session {} not registered in user-client (retried next tick): {}", session.id(),
                                error.toString());
                    }
                    return Mono.empty();
                })
                .doFinally(signal -> registering.remove(session.id()));
    }

    public String nodeId() {
        return nodeId;
    }
}
