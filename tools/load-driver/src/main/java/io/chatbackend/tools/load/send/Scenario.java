package io.chatbackend.tools.load.send;

/** What the benchmark sends. */
public enum Scenario {
    /** 1:1 sends spread over many direct dialogs. */
    DIRECT,
    /** One busy group: many senders into one dialog of many members. */
    GROUP,
    /** Like {@link #DIRECT}, and every acknowledged send is read back from the history until it shows. */
    READBACK
}
