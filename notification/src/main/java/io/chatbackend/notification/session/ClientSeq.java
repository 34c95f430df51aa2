package io.chatbackend.notification.session;

import tools.jackson.databind.JsonNode;

/**
 * Checks the dialog sequence numbers a client names in its frames ({@code upToSeq} of {@code ack} and {@code read},
 * the last dialogSeq per dialog of {@code resume}) before anything is done with them. A value that is not a
 * non-negative integer, or is absurdly large, is answered with an error frame; it never reaches arithmetic (a
 * {@code +1} on {@code Long.MAX_VALUE} wraps to a negative number, which turned a resume into an endless history
 * loop) nor another service.
 */
final class ClientSeq {

    /**
     * The largest dialogSeq a client may name: 2^53 - 1, the largest integer a JSON number carries exactly through
     * JavaScript's doubles. No dialog ever counts that far, and every {@code +1} on the way (here and in
     * dialog-domain) stays far from overflowing.
     */
    static final long MAX = (1L << 53) - 1;

    private ClientSeq() {
    }

    /** A checked value: either usable or refused with an error frame's code. */
    sealed interface Checked {
    }

    record Valid(long value) implements Checked {
    }

    record Refused(String code) implements Checked {
    }

    /**
     * {@code upToSeq} of {@code ack} and {@code read}: an integer from 1 to {@link #MAX}. Not an integer, or
     * negative: {@code MALFORMED_FRAME}. 0 or beyond {@link #MAX}: {@code WATERMARK_OUT_OF_RANGE}, as there is no
     * message 0 (dialogSeqs start at 1) and none that far; a watermark of nothing would only make noise (an
     * {@code ack 0} became a "delivered 0" receipt to every member).
     */
    static Checked watermark(JsonNode node) {
        if (!node.isIntegralNumber()) {
            return new Refused(FrameBody.Error.MALFORMED_FRAME);
        }
        if (!node.canConvertToLong()) {
            // beyond a long: far out of range if positive, malformed if negative
            return new Refused(node.bigIntegerValue().signum() > 0
                    ? FrameBody.Error.WATERMARK_OUT_OF_RANGE : FrameBody.Error.MALFORMED_FRAME);
        }
        long value = node.asLong();
        if (value < 0) {
            return new Refused(FrameBody.Error.MALFORMED_FRAME);
        }
        if (value == 0 || value > MAX) {
            return new Refused(FrameBody.Error.WATERMARK_OUT_OF_RANGE);
        }
        return new Valid(value);
    }

    /** A {@code resume}'s last dialogSeq of a dialog: an integer from 0 (nothing) to {@link #MAX}. */
    static Checked resumePoint(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0 || node.asLong() > MAX) {
            return new Refused(FrameBody.Error.MALFORMED_FRAME);
        }
        return new Valid(node.asLong());
    }
}
