package io.chatbackend.notification.session;

import java.util.Set;
import java.util.UUID;

/**
 * What a session's client frames ask of other parts of the node (dialog-domain, user-client, the topics). Each
 * call returns at once; the work runs elsewhere and answers the client, if at all, with frames.
 */
public interface SessionActions {

    /** {@code read {dialogId, upToSeq}}: advance the user's read watermark in dialog-domain. */
    void read(LiveSession session, UUID dialogId, long upToSeq);

    /** {@code ack {dialogId, upToSeq}}: advance the device's delivery cursor and tell the dialog's members. */
    void ack(LiveSession session, UUID dialogId, long upToSeq);

    /**
     * {@code typing {dialogId}}: for a member, at most one per session and dialog every typing interval
     * ({@link LiveSession#mayType}, asked only after the membership check, so the limiter never holds a dialog the
     * user is not in).
     */
    void typing(LiveSession session, UUID dialogId);

    /** {@code presence.subscribe {userIds}}: replaces the session's presence subscriptions. */
    void subscribePresence(LiveSession session, Set<UUID> userIds);

    /** Does nothing: frames beyond ping and resume are ignored (unit tests). */
    SessionActions NONE = new SessionActions() {
        @Override
        public void read(LiveSession session, UUID dialogId, long upToSeq) {
        }

        @Override
        public void ack(LiveSession session, UUID dialogId, long upToSeq) {
        }

        @Override
        public void typing(LiveSession session, UUID dialogId) {
        }

        @Override
        public void subscribePresence(LiveSession session, Set<UUID> userIds) {
        }
    };
}
