package io.chatbackend.dialog.contract.events;

/** Where dialog-domain publishes its integration events. */
public final class DialogTopics {

    /**
     * Dialog-scoped events ({@link DialogCreated}, {@link MemberJoined}, {@link MemberLeft},
     * {@link ReadWatermarkAdvanced}), keyed by {@code dialogId}, in the order of the dialog's history. Kept forever.
     */
    public static final String DIALOGS = "dialog.dialogs.v1";

    /** Who blocked whom ({@link UserBlocked}, {@link UserUnblocked}), keyed by the blocker's user id. Kept forever. */
    public static final String BLOCKS = "dialog.blocks.v1";

    private DialogTopics() {
    }

    /** The classpath resource holding a complete sample envelope of the given event type, version 1. */
    public static String sample(String type) {
        return "contract-samples/" + type + ".v1.json";
    }
}
