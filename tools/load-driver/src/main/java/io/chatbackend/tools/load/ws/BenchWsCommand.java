package io.chatbackend.tools.load.ws;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ./bench-ws}: the WebSocket benchmark against a running local system. */
@Command(name = "bench-ws", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"WebSocket benchmark through the gateway of a running local system (tickets through the "
                + "gateway, sockets at the URL each ticket names): idle sessions, small-group latency under send "
                + "load, a large group, reconnect storms of the group and of many dialogs. Every message frame is "
                + "checked against the 201s of the sends. Exit code 0: every check passed; 1: a message was missing, "
                + "duplicated, out of order or not as acknowledged; 2: usage."})
public final class BenchWsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--phases", split = ",", defaultValue = "idle,load,group,storm-group,storm-dialogs",
            description = "phases to run, in this order (default: ${DEFAULT-VALUE})")
    List<String> phases;
    @Option(names = "--skip", split = ",", description = "phases not to run")
    List<String> skip;
    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", description = "default: ${DEFAULT-VALUE}")
    String gateway;
    @Option(names = "--admin", defaultValue = "admin", description = "the administrator (provisioning, metrics)")
    String admin;
    @Option(names = "--admin-password", required = true, defaultValue = "${env:CHAT_UAA_ADMIN_PASSWORD}",
            description = "default: $CHAT_UAA_ADMIN_PASSWORD")
    String adminPassword;
    @Option(names = "--data-dir", description = "the local run's data folder (run-local --data-dir); found from the "
            + "running processes when omitted")
    Path dataDir;
    @Option(names = "--node", description = "the notification node's base URL for its metrics (default: its "
            + "--server.port on 127.0.0.1)")
    String node;
    @Option(names = "--sockets-to-node", description = "open sockets at the node's own port (tickets still through "
            + "the gateway), as clients of a node in scale mode do: beyond ~9,000 sessions the gateway's 20,000 "
            + "descriptors (two per session) and its upgrade limit per address bound the run, not the node")
    boolean socketsToNode;
    @Option(names = "--node-pid", description = "the node's process id (default: found from the gateway port)")
    Long nodePid;

    @Option(names = "--users", defaultValue = "100", description = "idle: users holding the sessions (default: "
            + "${DEFAULT-VALUE})")
    int users;
    @Option(names = "--sessions", defaultValue = "2000", description = "idle: sessions (0 skips the phase) (default: "
            + "${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--hold-seconds", defaultValue = "60", description = "idle: seconds of each CPU window, without "
            + "and with the sessions (default: ${DEFAULT-VALUE})")
    int holdSeconds;
    @Option(names = "--small-groups", defaultValue = "5", description = "load: 10-member groups, a live session "
            + "per member (default: ${DEFAULT-VALUE})")
    int smallGroups;
    @Option(names = "--messages", defaultValue = "50", description = "load: messages to the small groups (0 skips "
            + "the phase) (default: ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--message-rate", defaultValue = "5", description = "load: small-group messages per second "
            + "(default: ${DEFAULT-VALUE})")
    double messageRate;
    @Option(names = "--background-rate", defaultValue = "200", description = "load: background sends/s offered "
            + "open loop over 1:1 dialogs (0: none) (default: ${DEFAULT-VALUE})")
    double backgroundRate;
    @Option(names = "--background-dialogs", defaultValue = "200", description = "load: 1:1 dialogs of the "
            + "background, a live session per recipient (default: ${DEFAULT-VALUE})")
    int backgroundDialogs;
    @Option(names = "--warmup", defaultValue = "10", description = "load: seconds of background before the "
            + "small-group sends (default: ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--max-in-flight", defaultValue = "1000", description = "load: background sends in flight at "
            + "most (default: ${DEFAULT-VALUE})")
    int maxInFlight;
    @Option(names = "--group-size", defaultValue = "1000", description = "members of the large group, a live "
            + "session each (0 skips group and storm-group) (default: ${DEFAULT-VALUE})")
    int groupSize;
    @Option(names = "--group-warmup", defaultValue = "3", description = "group: messages before the measured ones, "
            + "checked but not counted (default: ${DEFAULT-VALUE})")
    int groupWarmup;
    @Option(names = "--group-messages", defaultValue = "20", description = "group: messages, one a second "
            + "(default: ${DEFAULT-VALUE})")
    int groupMessages;
    @Option(names = "--storm-messages", defaultValue = "100", description = "storms: messages sent while the "
            + "sessions are away (0 skips both storms) (default: ${DEFAULT-VALUE})")
    int stormMessages;
    @Option(names = "--storm-users", defaultValue = "1000", description = "storm-dialogs: users, a live session "
            + "each (0 skips it) (default: ${DEFAULT-VALUE})")
    int stormUsers;
    @Option(names = "--storm-dialogs-per-user", defaultValue = "10", description = "storm-dialogs: dialogs of 2-50 "
            + "members each user is in (default: ${DEFAULT-VALUE})")
    int stormDialogsPerUser;
    @Option(names = "--seed", defaultValue = "1", description = "storm-dialogs: seed of the dialog layout and of "
            + "which dialog each message goes to (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--connect-parallelism", defaultValue = "32", description = "sessions opened at once when "
            + "setting up (default: ${DEFAULT-VALUE})")
    int connectParallelism;
    @Option(names = "--storm-parallelism", defaultValue = "256", description = "sessions reconnecting at once in "
            + "a storm (default: ${DEFAULT-VALUE})")
    int stormParallelism;
    @Option(names = "--patience-seconds", defaultValue = "120", description = "how long a wait for deliveries "
            + "goes on without any frame arriving (default: ${DEFAULT-VALUE})")
    int patienceSeconds;
    @Option(names = "--report", description = "the HTML report (default: target/bench-ws/report-<time>.html)")
    Path report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchWsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return new WsBench(settings()).run() ? 0 : 1;
    }

    /** The parsed options, checked. */
    WsSettings settings() {
        Set<WsPhase> chosen = EnumSet.noneOf(WsPhase.class);
        try {
            phases.forEach(phase -> chosen.add(WsPhase.of(phase)));
            if (skip != null) {
                skip.forEach(phase -> chosen.remove(WsPhase.of(phase)));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        // zero counts skip their phases, as the earlier driver's options did
        if (sessions == 0) {
            chosen.remove(WsPhase.IDLE);
        }
        if (messages == 0) {
            chosen.remove(WsPhase.LOAD);
        }
        if (groupSize == 0) {
            chosen.removeAll(EnumSet.of(WsPhase.GROUP, WsPhase.STORM_GROUP));
        }
        if (stormMessages == 0) {
            chosen.removeAll(EnumSet.of(WsPhase.STORM_GROUP, WsPhase.STORM_DIALOGS));
        }
        if (stormUsers == 0) {
            chosen.remove(WsPhase.STORM_DIALOGS);
        }
        if (users < 1 || sessions < 0 || holdSeconds < 1 || smallGroups < 1 || messages < 0 || !(messageRate > 0)
                || backgroundRate < 0 || backgroundDialogs < 1 || warmup < 0 || maxInFlight < 1 || groupMessages < 1 || groupWarmup < 0
                || stormMessages < 0 || stormDialogsPerUser < 1 || connectParallelism < 1 || stormParallelism < 1
                || patienceSeconds < 1) {
            throw usage("out of range: counts, rates and seconds must be positive (0 only where it skips a phase)");
        }
        if ((groupSize == 1 || groupSize < 0) || (stormUsers > 0 && stormUsers < WsSettings.STORM_DIALOG_MIN)) {
            throw usage("--group-size and --storm-users need at least 2 (or 0 to skip)");
        }
        Path reportFile = report != null ? report : Path.of("target", "bench-ws", "report-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
        return new WsSettings(gateway, admin, adminPassword, dataDir, node, nodePid == null ? 0 : nodePid, chosen,
                users, sessions, holdSeconds, smallGroups, messages, messageRate, backgroundRate, backgroundDialogs,
                warmup, maxInFlight, groupSize, groupWarmup, groupMessages, stormMessages, stormUsers, stormDialogsPerUser, seed,
                connectParallelism, stormParallelism, patienceSeconds, reportFile, socketsToNode);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
    }
}
