package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.ws.figures.MessageReach;
import io.chatbackend.tools.load.ws.send.MessageSender;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Phase group: sets up the {@link LargeGroup}, then sends {@code --group-messages} messages to it, one a second; per
 * message the time from its send until every live member session had it (and until half of them had it). The group
 * stays for storm-group.
 */
public final class LargeGroupPhase {

    static final String TAG = "L";

    private final PhaseContext context;
    private LargeGroup group;

    public LargeGroupPhase(PhaseContext context) {
        this.context = context;
    }

    /** The group it set up (null before {@link #run}). */
    public LargeGroup group() {
        return group;
    }

    public boolean run() throws Exception {
        int messages = context.settings().groupMessages();
        context.begin(String.format("phase group: %d messages, one a second, to a group of %,d members with a live "
                + "session each", messages, context.settings().groupSize()));
        group = LargeGroup.create(context);
        int live = group.liveSessions();
        MessageReach reach = new MessageReach(messages);
        context.events().listen((client, frame, firstCopy, at) -> {
            long index = PhaseContext.indexOf(frame.text(), TAG);
            if (index >= 0 && firstCopy) {
                reach.arrived((int) index, at);
            }
        });
        try (MessageSender sender = new MessageSender(context.gateway(), context.checker())) {
            long start = System.nanoTime() + 1_000_000_000L;
            List<CompletableFuture<MessageSender.Acknowledgement>> sends = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                long intended = start + i * 1_000_000_000L;
                parkUntil(intended);
                reach.sent(i, intended);
                sends.add(sender.send(group.target(), PhaseContext.marker(TAG, i)));
            }
            sends.forEach(CompletableFuture::join);
            context.awaitEverythingDelivered(group.clients());
            context.events().stopListening();
            context.out().say("sends: %s", sender.describe());
        }
        long deliveries = 0;
        for (int i = 0; i < messages; i++) {
            deliveries += reach.reached(i);
        }
        context.out().say("frames at the members' live sessions: %,d (expected %,d: %,d live sessions per message)",
                deliveries, (long) messages * live, live);
        double[] toAll = reach.millisToReach(live);
        double[] toHalf = reach.millisToReach((live + 1) / 2);
        context.out().say("message -> EVERY live member's session has it: %s", MessageReach.describe(toAll));
        context.out().say("message -> half of them have it: %s", MessageReach.describe(toHalf));
        StringBuilder each = new StringBuilder("per message, ms to every live session:");
        for (double millis : toAll) {
            each.append(Double.isInfinite(millis) ? " -" : String.format(" %.0f", millis));
        }
        context.out().say("%s", each);
        context.report().groupReach(toAll, toHalf);
        return context.end("group", group.clients());
    }

    private static void parkUntil(long nanos) {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
