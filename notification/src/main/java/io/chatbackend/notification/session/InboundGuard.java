package io.chatbackend.notification.session;

/**
 * Decides, frame by frame, whether a session's client is still within its frame rate; the socket does the rest.
 * Over the rate the client gets one error frame ({@code RATE_LIMITED}, its {@link #farewell()}) and the session is
 * closed with 1008 (policy violation) once that frame was written; frames arriving meanwhile are ignored. Closing
 * rather than dropping: a client that floods has a bug or is hostile, and every frame it sends costs the node a
 * parse and often a call to another service.
 *
 * <p>Thread-safe.
 */
final class InboundGuard {

    /** What to do with an inbound frame. */
    enum Verdict {
        /** Within the rate: handle it. */
        HANDLE,
        /** The first frame over the rate: send the farewell, then close. */
        REFUSE_AND_CLOSE,
        /** The session is being closed: ignore it. */
        IGNORE
    }

    private final FrameRateLimiter limiter;
    /** Its identity marks the frame after which the writer closes the socket. */
    private final FrameBody.Error farewell = new FrameBody.Error(FrameBody.Error.RATE_LIMITED, null, null);
    private boolean refused;
    private boolean closeClaimed;

    InboundGuard(FrameRateLimiter limiter) {
        this.limiter = limiter;
    }

    synchronized Verdict admit() {
        if (refused) {
            return Verdict.IGNORE;
        }
        if (limiter.tryAcquire()) {
            return Verdict.HANDLE;
        }
        refused = true;
        return Verdict.REFUSE_AND_CLOSE;
    }

    /** The error frame sent before the close. */
    FrameBody.Error farewell() {
        return farewell;
    }

    /** Whether a frame just written was the farewell (by identity: another RATE_LIMITED error is not). */
    boolean isFarewell(FrameBody written) {
        return written == farewell;
    }

    /**
     * True once: whoever gets it closes the socket (the writer after the farewell, or the grace timer when the
     * farewell cannot be written: dropped from a full queue, or a client that stopped reading).
     */
    synchronized boolean claimClose() {
        if (closeClaimed) {
            return false;
        }
        closeClaimed = true;
        return true;
    }
}
