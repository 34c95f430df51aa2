package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.contract.LaneRefusal;

/** The lane participant's business refusals (beside the protocol's own codes). */
public final class LaneTccCodes {

    public static final String LANE_BUSY = LaneRefusal.LANE_BUSY.name();
    public static final String NOT_A_MEMBER = LaneRefusal.NOT_A_MEMBER.name();

    private LaneTccCodes() {
    }
}
