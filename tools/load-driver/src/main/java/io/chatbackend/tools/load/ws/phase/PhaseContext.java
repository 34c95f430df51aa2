package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.proc.Machine;
import io.chatbackend.tools.load.common.proc.MachineBusy;
import io.chatbackend.tools.load.common.report.Transcript;
import io.chatbackend.tools.load.ws.WsSettings;
import io.chatbackend.tools.load.ws.check.ClientLedger;
import io.chatbackend.tools.load.ws.check.DeliveryChecker;
import io.chatbackend.tools.load.ws.check.Verdict;
import io.chatbackend.tools.load.ws.node.NodeProbe;
import io.chatbackend.tools.load.ws.report.WsReport;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.ConnectOutcome;
import io.chatbackend.tools.load.ws.session.Credentials;
import io.chatbackend.tools.load.ws.session.SessionConnector;
import io.chatbackend.tools.load.ws.session.SessionEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every phase works with (the gateway, the checker, the sessions, the node, the transcript and the report),
 * and the steps they share: provisioning users, registering dialogs, opening sessions, waiting for deliveries, and
 * the end of a phase (the machine's load and the checker's verdict).
 */
public record PhaseContext(WsSettings settings, GatewayClient gateway, Supplier<String> adminToken,
                           DeliveryChecker checker,
                           SessionConnector connector, SessionEvents events, NodeProbe node, Transcript out,
                           WsReport report) {

    /** Prints the phase's title and the machine's load at its start. */
    public void begin(String title) {
        out.say("");
        out.say("== %s ==", title);
        out.say("machine at start: %s", Machine.now().describe());
    }

    /**
     * Ends a phase: the machine's load, the sessions' counts, and the checker's verdict on the clients still
     * connected (those that could not connect are counted, not checked). True when every check passed.
     */
    public boolean end(String phase, List<Client> clients) {
        List<ClientLedger> checked = new ArrayList<>();
        for (Client client : clients) {
            if (client.isConnected()) {
                checked.add(client.ledger());
            }
        }
        Verdict verdict = checker.verdict(checked, clients.size() - checked.size());
        out.say("sessions so far: %s; reconnects after a loss %,d", events.describe(), connector.reconnects());
        out.say("machine at end: %s", Machine.now().describe());
        verdict.describe().forEach(line -> out.say("%s: %s", phase, line));
        return verdict.passed();
    }

    /** Provisions {@code count} fresh users (tokens included, renewed as they age) through the admin API. */
    public List<Credentials> provision(int count, String prefix) {
        long start = System.nanoTime();
        List<Credentials> users = gateway.provisionWithRefreshTokens(adminToken.get(), count, prefix).stream()
                .map(tokens -> new Credentials(gateway, tokens)).toList();
        out.say("provisioned %,d users (%s…) in %.1f s", users.size(), prefix, (System.nanoTime() - start) / 1e9);
        return users;
    }

    /** {@code count} clients over the users, round robin (more clients than users: several devices each). */
    public List<Client> clients(List<Credentials> users, int count, String label) {
        List<Client> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Credentials user = users.get(i % users.size());
            clients.add(new Client(user, checker.ledger(label + "#" + i + " (user " + user.userId() + ")",
                    user.userId())));
        }
        return clients;
    }

    /** A group created by {@code members[0]} with all the others (added 1,000 at a time), known to the checker. */
    public String createGroup(List<Credentials> members) throws Exception {
        List<io.chatbackend.tools.load.common.api.User> users = members.stream().map(Credentials::user).toList();
        int first = Math.min(users.size(), 1_000);
        String dialog = gateway.createGroup(users.get(0), users.subList(1, first));
        for (int from = first; from < users.size(); from += 1_000) {
            gateway.addMembers(users.get(0), dialog, users.subList(from, Math.min(users.size(), from + 1_000)));
        }
        checker.dialogCreated(dialog, members.stream().map(Credentials::userId).toList());
        return dialog;
    }

    /**
     * Lets the work the set-up left behind finish before measuring (the read models projecting 100,000 new
     * memberships, sessions being registered): waits until the whole machine is less than a third busy for three
     * seconds in a row, at most three minutes, and says how long that took. A storm or a large group that meets a
     * backlog measures the backlog; a production system reaches the same quiet between its busy hours.
     */
    public void settle() throws InterruptedException {
        out.say("%s", MachineBusy.awaitQuiet(1.0 / 3, 3, 180).describe());
    }

    /** Opens the clients' sessions and says how it went. */
    public ConnectOutcome connect(List<Client> clients, int parallel) throws InterruptedException {
        ConnectOutcome outcome = connector.connectAll(clients, parallel);
        out.say("sessions: %s", outcome.describe());
        return outcome;
    }

    /**
     * Waits until {@code done}, as long as frames keep arriving: it gives up after {@code --patience-seconds}
     * without any frame (the box is slow; a stalled system is not). True when done.
     */
    public boolean awaitWhileFramesArrive(BooleanSupplier done) throws InterruptedException {
        long patience = Duration.ofSeconds(settings.patienceSeconds()).toNanos();
        long quietSince = System.nanoTime();
        long lastFrame = events.lastFrameNanos();
        while (!done.getAsBoolean()) {
            long frame = events.lastFrameNanos();
            if (frame != lastFrame) {
                lastFrame = frame;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > patience) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /** Waits until every connected client holds every acknowledged message of its dialogs. */
    public boolean awaitEverythingDelivered(List<Client> clients) throws InterruptedException {
        boolean done = awaitWhileFramesArrive(() -> clients.stream()
                .allMatch(c -> !c.isConnected() || c.ledger().holdsEverything()));
        if (!done) {
            out.say("gave up waiting after %d s without a frame: some sessions lack messages",
                    settings.patienceSeconds());
        }
        return done;
    }

    /** Text of the {@code index}-th send of a phase: the marker its frames are recognised by. */
    public static String marker(String tag, long index) {
        return "ws" + tag + "-" + index;
    }

    /** The index in a frame's text if it carries {@code tag}'s marker, else -1. */
    public static long indexOf(String text, String tag) {
        String prefix = "ws" + tag + "-";
        if (text == null || !text.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(text, prefix.length(), text.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
