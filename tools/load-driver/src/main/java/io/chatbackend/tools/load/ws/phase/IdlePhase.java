package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.ws.WsSettings;
import io.chatbackend.tools.load.ws.node.NodeProbe;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.Credentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Phase idle: what mostly idle sessions cost the node. The node's heap after a full GC and its CPU over a window of
 * {@code --hold-seconds} are read without the sessions, then with {@code --sessions} of them open (spread over
 * {@code --users} users, none in any dialog, so no message frame may arrive); the difference per session is the
 * figure. The sessions stay open for the next phase (held load) until {@link #close}.
 */
public final class IdlePhase {

    private final PhaseContext context;
    private List<Client> clients = List.of();

    public IdlePhase(PhaseContext context) {
        this.context = context;
    }

    public boolean run() throws Exception {
        WsSettings settings = context.settings();
        context.begin(String.format("phase idle: %,d idle sessions of %,d users; heap after a full GC and CPU "
                + "over %d s, without and with them", settings.sessions(), settings.users(), settings.holdSeconds()));
        List<Credentials> users = context.provision(settings.users(), "wsidle");
        clients = context.clients(users, settings.sessions(), "idle");
        NodeProbe node = context.node();
        Duration hold = Duration.ofSeconds(settings.holdSeconds());
        OptionalLong heapWithout = node.heapAfterFullGc();
        context.out().say("measuring the node's CPU for %d s without the sessions ...", settings.holdSeconds());
        Map<String, Double> cpuWithout = node.cpuSecondsDuring(hold);
        context.connect(clients, settings.connectParallelism());
        int open = (int) clients.stream().filter(Client::isConnected).count();
        context.out().say("measuring the node's CPU for %d s with %,d sessions open ...", settings.holdSeconds(),
                open);
        Map<String, Double> cpuWith = node.cpuSecondsDuring(hold);
        OptionalLong heapWith = node.heapAfterFullGc();
        int stillOpen = (int) clients.stream().filter(Client::isConnected).count();
        context.out().say("sessions open after the hold: %,d (the node counts %.0f live sessions)", stillOpen,
                node.liveSessions());
        if (heapWithout.isPresent() && heapWith.isPresent()) {
            context.out().say("node heap after a full GC: %.1f MiB without the sessions, %.1f MiB with %,d = "
                            + "%.1f KiB per session", heapWithout.getAsLong() / 1048576.0,
                    heapWith.getAsLong() / 1048576.0, stillOpen,
                    (heapWith.getAsLong() - heapWithout.getAsLong()) / 1024.0 / Math.max(1, stillOpen));
        } else {
            context.out().say("node heap: not measured (%s)", node.describe());
        }
        cpuWith.forEach((process, with) -> {
            double without = cpuWithout.getOrDefault(process, Double.NaN);
            double perSession = (with - without) / settings.holdSeconds() / Math.max(1, stillOpen) * 1e6;
            context.out().say("%s CPU over %d s: %.2f s without the sessions, %.2f s with them = %.2f µs per "
                            + "session per second (%.2f%% of a core per 10,000 sessions)", process,
                    settings.holdSeconds(), without, with, perSession, perSession * 10_000 / 1e6 * 100);
        });
        return context.end("idle", clients);
    }

    /** Closes the idle sessions (after the load phase, which runs while they are held). */
    public void close() {
        context.connector().disconnectAll(clients);
        clients = List.of();
    }
}
