package io.chatbackend.notification.userclient;

import io.chatbackend.notification.dialogs.RemoteProblem;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.SessionHooks;
import io.chatbackend.notification.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps user-client's live sessions registry (ADR 0014) in step with this node: registers each session when it
 * opens ({@code 409 CLIENT_REVOKED} closes it at once, 4401 "revoked"), heartbeats the node's sessions every
 * {@code heartbeat-interval} (ids user-client no longer knows are closed: expired, ended or revoked) and ends a
 * session when it closes. Best effort: a failure is logged and never blocks delivery.
 */
public final class SessionsRegistrar implements SessionHooks, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionsRegistrar.class);
    /** user-client takes at most this many ids per heartbeat call. */
    private static final int HEARTBEAT_BATCH = 1000;
    public static final int REVOKED = 4401;

    private final UserClientApi api;
    private final SessionRegistry registry;
    private final String nodeId;
    private final Duration interval;
    /** Sessions whose registration user-client confirmed (only those are heartbeated). */
    private final Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    public SessionsRegistrar(UserClientApi api, SessionRegistry registry, String nodeId, Duration interval) {
        this.api = api;
        this.registry = registry;
        this.nodeId = nodeId;
        this.interval = interval;
    }

    @Override
    public void opened(LiveSession session) {
        api.register(session.id(), session.userId(), session.deviceId(), nodeId).subscribe(
                ok -> {
                },
                error -> {
                    if (error instanceof RemoteProblem problem && "CLIENT_REVOKED".equals(problem.code())) {
                        log.info("Session {}: device {} of {} is revoked; closing", session.id(),
                                session.deviceId(), session.userId());
                        session.terminate(REVOKED, "revoked");
                    } else {
                        log.warn("Session {} not registered in user-client: {}", session.id(), error.toString());
                    }
                },
                () -> registered.add(session.id()));
    }

    @Override
    public void closed(LiveSession session) {
        registered.remove(session.id());
        api.end(session.id()).subscribe(null,
                error -> log.debug("Session {} not ended in user-client: {}", session.id(), error.toString()));
    }

    /** One heartbeat of every registered session of this node (also called by tests). */
    public void heartbeat() {
        List<LiveSession> live = registry.all().stream().filter(s -> registered.contains(s.id())).toList();
        for (int from = 0; from < live.size(); from += HEARTBEAT_BATCH) {
            List<LiveSession> batch = live.subList(from, Math.min(live.size(), from + HEARTBEAT_BATCH));
            api.heartbeat(nodeId, batch.stream().map(LiveSession::id).toList()).subscribe(unknown -> {
                Set<String> gone = new HashSet<>(unknown);
                batch.stream().filter(s -> gone.contains(s.id()) && registered.contains(s.id())).forEach(s -> {
                    log.info("Session {} unknown to user-client (expired, ended or revoked); closing", s.id());
                    s.terminate(REVOKED, "session ended");
                });
            }, error -> log.warn("Heartbeat of {} sessions failed: {}", batch.size(), error.toString()));
        }
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "session-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                heartbeat();
            } catch (RuntimeException e) {
                log.warn("Heartbeat failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
