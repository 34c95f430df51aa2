package io.chatbackend.tools.load.ws;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One WebSocket benchmark run, as asked on the command line (see {@link BenchWsCommand} for each option).
 *
 * @param nodeUrl  the notification node's base URL for its metrics, or null to take it from its process
 * @param nodePid  the node's process id, or 0 to find it from the gateway port
 * @param dataDir  the local run's data folder, or null to find it from the running processes
 * @param groupWarmup messages sent to the large group before the measured ones (checked, not counted: the figures
 *                 are of a warm system, as the issue asks; the report lists them apart)
 * @param socketsToNode sockets to the node's own port instead of the URL the ticket names (the gateway's in the
 *                 local run, which holds two descriptors per session and limits upgrades per address)
 */
public record WsSettings(String gateway, String admin, String adminPassword, Path dataDir, String nodeUrl,
                         long nodePid, Set<WsPhase> phases,
                         int users, int sessions, int holdSeconds,
                         int smallGroups, int messages, double messageRate, double backgroundRate,
                         int backgroundDialogs, int warmupSeconds, int maxInFlight,
                         int groupSize, int groupWarmup, int groupMessages,
                         int stormMessages, int stormUsers, int stormDialogsPerUser, long seed,
                         int connectParallelism, int stormParallelism, int patienceSeconds, Path report,
                         boolean socketsToNode) {

    /** Members of each small group of the load phase. */
    public static final int SMALL_GROUP_SIZE = 10;
    /** Members of each dialog of storm B: from 2 to 50. */
    public static final int STORM_DIALOG_MIN = 2;
    public static final int STORM_DIALOG_MAX = 50;

    public WsSettings {
        phases = Set.copyOf(phases);
    }

    public boolean runs(WsPhase phase) {
        return phases.contains(phase);
    }

    public int gatewayPort() {
        java.net.URI uri = java.net.URI.create(gateway);
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }

    public String describe() {
        return "phases " + java.util.Arrays.stream(WsPhase.values()).filter(this::runs).map(WsPhase::option)
                .collect(Collectors.joining(", ")) + "; gateway " + gateway
                + (runs(WsPhase.IDLE) ? String.format("; idle: %,d sessions of %,d users held %d s", sessions, users,
                holdSeconds) : "")
                + (runs(WsPhase.LOAD) ? String.format("; load: %d messages at %.1f/s to %d groups of %d, background "
                        + "%.0f sends/s over %d dialogs (%d s warmup)", messages, messageRate, smallGroups,
                SMALL_GROUP_SIZE, backgroundRate, backgroundDialogs, warmupSeconds) : "")
                + (runs(WsPhase.GROUP) || runs(WsPhase.STORM_GROUP) ? String.format("; group of %,d members, %d "
                + "messages after %d warm-up", groupSize, groupMessages, groupWarmup) : "")
                + (runs(WsPhase.STORM_GROUP) || runs(WsPhase.STORM_DIALOGS) ? String.format("; storms: %d messages "
                + "missed", stormMessages) : "")
                + (runs(WsPhase.STORM_DIALOGS) ? String.format(", %,d users in %d dialogs each (seed %d)", stormUsers,
                stormDialogsPerUser, seed) : "");
    }
}
