package io.chatbackend.notification.session;

/**
 * What one session's client may send (issue 12, "bounded inputs").
 *
 * @param maxFrameBytes   the largest inbound frame (and message, if fragmented) accepted; larger closes the session
 *                        with 1009, before the frame is even buffered
 * @param framesPerSecond frames per second on average; beyond it (and the burst) an error frame, then close 1008
 * @param frameBurst      frames accepted at once on top of the rate
 */
public record InboundLimits(int maxFrameBytes, int framesPerSecond, int frameBurst) {

    public InboundLimits {
        if (maxFrameBytes < 1 || framesPerSecond < 1 || frameBurst < 1) {
            throw new IllegalArgumentException("inbound limits must be at least 1");
        }
    }
}
