package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.ws.figures.StormFigures;
import io.chatbackend.tools.load.ws.send.MessageSender;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.ConnectOutcome;

import java.util.List;

/**
 * A reconnect storm, the part both storms share: every live session disconnects, the phase sends the messages they
 * will miss (and waits for their answers), then all reconnect at once (bounded by {@code --storm-parallelism}),
 * each with a {@code resume} carrying what it holds; each session's recovery is the time from the storm's start
 * until it holds every message acknowledged in its dialogs.
 */
final class ReconnectStorm {

    /** Sends the messages the sessions miss, and returns once every send was answered. */
    interface MissedMessages {
        void send(MessageSender sender) throws Exception;
    }

    private ReconnectStorm() {
    }

    static boolean run(PhaseContext context, String name, String phase, List<Client> clients,
                       MissedMessages missed) throws Exception {
        List<Client> live = clients.stream().filter(Client::isConnected).toList();
        context.settle();
        context.out().say("%,d live sessions disconnect ...", live.size());
        context.connector().disconnectAll(clients);
        Thread.sleep(2_000); // the node notices the closes
        try (MessageSender sender = new MessageSender(context.gateway(), context.checker())) {
            long start = System.nanoTime();
            missed.send(sender);
            context.out().say("sent while they were away, in %.1f s: %s", (System.nanoTime() - start) / 1e9,
                    sender.describe());
        }
        Thread.sleep(2_000); // the read model takes the last ones: the storm measures recovery, not projection lag
        live.forEach(client -> client.ledger().expectRecovery());
        context.out().say("all %,d reconnect at once (%d at a time), each resuming from what it holds ...",
                live.size(), context.settings().stormParallelism());
        long start = System.nanoTime();
        ConnectOutcome outcome = context.connect(live, context.settings().stormParallelism());
        boolean done = context.awaitWhileFramesArrive(() -> live.stream()
                .allMatch(client -> !client.isConnected() || client.ledger().recoveredAtNanos() > 0));
        if (!done) {
            context.out().say("gave up waiting after %d s without a frame", context.settings().patienceSeconds());
        }
        long[] recovered = live.stream().mapToLong(client -> client.ledger().recoveredAtNanos()).toArray();
        long[] connected = live.stream().mapToLong(client -> client.ledger().connectedAtNanos())
                .map(at -> at >= start ? at : 0).toArray();
        StormFigures figures = StormFigures.of(name, start, recovered, connected);
        context.out().say("%s", figures.describe());
        context.out().say("failures to connect: %,d failed attempts, %,d sessions never reconnected",
                outcome.failedAttempts(), outcome.neverConnected());
        context.report().storm(figures);
        return context.end(phase, live);
    }
}
