package io.chatbackend.tools.load.ws.phase;

/**
 * Phase storm-group (storm A): the large group's sessions go away, {@code --storm-messages} messages are sent to the
 * group one after the other, and every session reconnects at once with {@code resume}. Sets the group up itself when
 * phase group did not run.
 */
public final class GroupStormPhase {

    static final String TAG = "A";

    private final PhaseContext context;
    private LargeGroup group;

    /** @param group the large group of phase group, or null to set one up */
    public GroupStormPhase(PhaseContext context, LargeGroup group) {
        this.context = context;
        this.group = group;
    }

    public LargeGroup group() {
        return group;
    }

    public boolean run() throws Exception {
        int messages = context.settings().stormMessages();
        context.begin(String.format("phase storm-group (storm A): the sessions of the large group (%,d members) "
                + "miss %d messages, then reconnect at once", context.settings().groupSize(), messages));
        if (group == null) {
            group = LargeGroup.create(context);
        }
        return ReconnectStorm.run(context, "storm A (large group)", "storm-group", group.clients(), sender -> {
            for (int i = 0; i < messages; i++) {
                sender.send(group.target(), PhaseContext.marker(TAG, i)).join();
            }
        });
    }
}
