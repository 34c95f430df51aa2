package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.contract.LaneRefusals;

/** The lane participant's business refusals (beside the protocol's own codes). */
public final class LaneTccCodes {

    public static final String LANE_BUSY = LaneRefusals.LANE_BUSY;
    public static final String NOT_A_MEMBER = LaneRefusals.NOT_A_MEMBER;

    private LaneTccCodes() {
    }
}
