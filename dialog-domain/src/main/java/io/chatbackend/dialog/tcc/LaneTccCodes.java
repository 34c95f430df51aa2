package io.chatbackend.dialog.tcc;

/** The lane participant's business refusals (beside the protocol's own codes). */
public final class LaneTccCodes {

    public static final String LANE_BUSY = "LANE_BUSY";
    public static final String NOT_A_MEMBER = "NOT_A_MEMBER";

    private LaneTccCodes() {
    }
}
