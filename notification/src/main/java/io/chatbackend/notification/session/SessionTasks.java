package io.chatbackend.notification.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * The asynchronous work of one session (catching up, repairs): each task stays cancellable until it ends, and is let
 * go when it ends, so a long-lived session does not collect them. {@link #cancelAll} (a new resume) and
 * {@link #close} (the socket is gone) cancel what runs.
 */
final class SessionTasks {

    private static final Logger log = LoggerFactory.getLogger(SessionTasks.class);

    private final String sessionId;
    // guarded by this
    private Disposable.Composite running = Disposables.composite();
    private boolean closed;

    SessionTasks(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Subscribes to the task (it may call back into the session at once: never call this holding its lock). */
    void start(Mono<Void> task) {
        if (task == null) {
            return;
        }
        Disposable.Composite group;
        synchronized (this) {
            if (closed) {
                return;
            }
            group = running;
        }
        Disposable.Swap self = Disposables.swap();
        boolean[] ended = {false};
        Disposable subscription = task
                .doFinally(signal -> {
                    synchronized (self) {
                        ended[0] = true;
                        group.remove(self);
                    }
                })
                .subscribe(null, error -> log.warn("Session {}: {}", sessionId, error.toString()));
        self.update(subscription);
        synchronized (self) {
            if (!ended[0]) {
                group.add(self);
            }
        }
    }

    synchronized void cancelAll() {
        running.dispose();
        running = Disposables.composite();
    }

    synchronized void close() {
        closed = true;
        running.dispose();
    }
}
