package io.chatbackend.notification.session;

/**
 * A server frame as produced: its place in the session ({@code sessionSeq}, dense from 1, assigned when the frame
 * is produced, so a frame dropped on overflow leaves a hole the client sees) and its content.
 */
public record ServerFrame(long sessionSeq, FrameBody body) {
}
