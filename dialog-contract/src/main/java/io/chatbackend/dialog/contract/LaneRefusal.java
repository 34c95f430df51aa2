package io.chatbackend.dialog.contract;

/** Why the lane participant refused a Try, a Try-and-Confirm or a Confirm (the {@code code} of its answers). */
public enum LaneRefusal {
    /** Another transaction holds the sender's lane. */
    LANE_BUSY,
    /** The sender is not a member of the dialog (or the dialog does not exist). */
    NOT_A_MEMBER,
    /** A Cancel of this transaction came first, or it was cancelled. */
    ALREADY_CANCELLED,
    /** The reservation expired before Confirm; the participant cancelled it itself. */
    TOO_LATE,
    /** Confirm of a transaction the participant never saw tried. */
    UNKNOWN,
    /** A code this version does not know (a newer participant): treated as a refusal, never as a success. */
    OTHER;

    /** The refusal a {@code code} names; {@link #OTHER} for a code this version does not know. */
    public static LaneRefusal of(String code) {
        for (LaneRefusal refusal : values()) {
            if (refusal != OTHER && refusal.name().equals(code)) {
                return refusal;
            }
        }
        return OTHER;
    }
}
