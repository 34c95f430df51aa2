package io.chatbackend.dialog.contract;

/** The business refusal codes of the sender-lane TCC answers (beside the protocol's own, such as TOO_LATE). */
public final class LaneRefusals {

    /** Another transaction holds the sender's lane. */
    public static final String LANE_BUSY = "LANE_BUSY";
    /** The sender is not a member of the dialog (or the dialog does not exist). */
    public static final String NOT_A_MEMBER = "NOT_A_MEMBER";

    private LaneRefusals() {
    }
}
