package io.chatbackend.notification.session;

/** The codes of {@code error} frames (asyncapi.yaml): the WebSocket's catalog, as the REST API's problem codes. */
public enum FrameErrorCode {

    /** Not JSON, a required member missing, or a value of the wrong type or sign. */
    MALFORMED_FRAME,
    /** An {@code upToSeq} of 0, or beyond the dialog's last message as dialog-domain knows it. */
    WATERMARK_OUT_OF_RANGE,
    /** Not a member of the dialog (or no such dialog: the same answer). */
    DIALOG_NOT_FOUND,
    /** Too many frames: the session is closed with 1008 right after this frame. */
    RATE_LIMITED,
    /** Another service did not answer; the client may try again. */
    UNAVAILABLE
}
