package io.chatbackend.tools.load.ws;

import java.util.Arrays;
import java.util.Locale;

/** The benchmark's phases, in the order they run; each can be chosen ({@code --phases}) or skipped ({@code --skip}). */
public enum WsPhase {
    /** Idle sessions: heap and CPU per session at the node. */
    IDLE("idle"),
    /** Send → frame latency to 10-member groups while background sends load the system. */
    LOAD("load"),
    /** One large group: time until every live member has each message. */
    GROUP("group"),
    /** Storm A: the large group's sessions reconnect at once after missing messages. */
    STORM_GROUP("storm-group"),
    /** Storm B: many users in many small dialogs reconnect at once after missing messages. */
    STORM_DIALOGS("storm-dialogs");

    private final String option;

    WsPhase(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    public static WsPhase of(String option) {
        String wanted = option.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(phase -> phase.option.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase " + option + "; the phases are "
                        + String.join(", ", Arrays.stream(values()).map(WsPhase::option).toList())));
    }
}
