package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.ws.figures.MessageReach;
import io.chatbackend.tools.load.ws.send.MessageSender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Phase group: sets up the {@link LargeGroup}, then sends {@code --group-warmup} messages (checked, not counted: the
 * figures are of a warm system) and {@code --group-messages} messages to it, one a second; per
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
        int warmup = context.settings().groupWarmup();
        int messages = context.settings().groupMessages();
        int total = warmup + messages;
        context.begin(String.format("phase group: %d messages, one a second, to a group of %,d members with a live "
                + "session each (after %d warm-up messages, checked but not counted)", messages,
                context.settings().groupSize(), warmup));
        group = LargeGroup.create(context);
        int live = group.liveSessions();
        context.settle();
        MessageReach reach = new MessageReach(total);
        context.events().listen((client, frame, firstCopy, at) -> {
            long index = PhaseContext.indexOf(frame.text(), TAG);
            if (index >= 0 && firstCopy) {
                reach.arrived((int) index, at);
            }
        });
        try (MessageSender sender = new MessageSender(context.gateway(), context.checker())) {
            long start = System.nanoTime() + 1_000_000_000L;
            List<CompletableFuture<MessageSender.Acknowledgement>> sends = new ArrayList<>();
            for (int i = 0; i < total; i++) {
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
        for (int i = warmup; i < total; i++) {
            deliveries += reach.reached(i);
        }
        context.out().say("frames at the members' live sessions: %,d (expected %,d: %,d live sessions per message)",
                deliveries, (long) messages * live, live);
        double[] allToAll = reach.millisToReach(live);
        double[] warmToAll = Arrays.copyOfRange(allToAll, 0, warmup);
        double[] toAll = Arrays.copyOfRange(allToAll, warmup, total);
        double[] toHalf = Arrays.copyOfRange(reach.millisToReach((live + 1) / 2), warmup, total);
        context.out().say("message -> EVERY live member's session has it: %s", MessageReach.describe(toAll));
        context.out().say("message -> half of them have it: %s", MessageReach.describe(toHalf));
        context.out().say("%s", perMessage("per message, ms to every live session:", toAll));
        if (warmup > 0) {
            context.out().say("%s", perMessage("warm-up messages (not counted), ms to every live session:",
                    warmToAll));
        }
        context.report().groupReach(toAll, toHalf);
        return context.end("group", group.clients());
    }

    private static String perMessage(String title, double[] millis) {
        StringBuilder each = new StringBuilder(title);
        for (double value : millis) {
            each.append(Double.isInfinite(value) ? " -" : String.format(" %.0f", value));
        }
        return each.toString();
    }

    private static void parkUntil(long nanos) {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
