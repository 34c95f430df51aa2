package io.chatbackend.notification.session;

/** Told when a live session opens and ends (e.g. user-client's sessions registry). Must not block. */
public interface SessionHooks {

    void opened(LiveSession session);

    void closed(LiveSession session);

    SessionHooks NONE = new SessionHooks() {
        @Override
        public void opened(LiveSession session) {
        }

        @Override
        public void closed(LiveSession session) {
        }
    };
}
