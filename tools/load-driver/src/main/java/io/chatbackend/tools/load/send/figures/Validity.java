package io.chatbackend.tools.load.send.figures;

/**
 * Whether a run's figures may be published: only {@code 201}s count as sends, so a run where more than 0.1% of
 * the measured sends got anything else (another status, an error, no answer in time) measured a different system
 * than the one it claims to.
 *
 * @param offered       measured sends offered
 * @param acknowledged  of them, answered {@code 201}
 * @param otherAnswers  answered with another status
 * @param failed        no answer: a transport error or a time-out
 */
public record Validity(long offered, long acknowledged, long otherAnswers, long failed) {

    /** The share of measured sends that may be something other than a {@code 201}. */
    public static final double MAX_OTHER_SHARE = 0.001;

    public long notAcknowledged() {
        return Math.max(0, offered - acknowledged); // still unanswered at the end counts as not acknowledged
    }

    public double otherShare() {
        return offered == 0 ? 1.0 : (double) notAcknowledged() / offered;
    }

    public boolean valid() {
        return offered > 0 && otherShare() <= MAX_OTHER_SHARE;
    }

    /** One line saying whether the run counts, and why not. */
    public String verdict() {
        if (offered == 0) {
            return "INVALID RUN: no measured send was offered";
        }
        String counts = String.format("%d of %d measured sends were not acknowledged with 201 (%.3f%%: %d other "
                + "answers, %d errors or time-outs, %d unanswered)", notAcknowledged(), offered, otherShare() * 100,
                otherAnswers, failed, notAcknowledged() - otherAnswers - failed);
        return valid() ? "valid run: " + counts : "INVALID RUN: " + counts + "; more than "
                + MAX_OTHER_SHARE * 100 + "% invalidates the figures";
    }
}
