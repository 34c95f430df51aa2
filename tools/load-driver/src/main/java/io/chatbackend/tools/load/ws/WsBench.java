package io.chatbackend.tools.load.ws;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.proc.Machine;
import io.chatbackend.tools.load.common.report.HtmlReport;
import io.chatbackend.tools.load.common.report.Transcript;
import io.chatbackend.tools.load.ws.check.DeliveryChecker;
import io.chatbackend.tools.load.ws.node.NodeProbe;
import io.chatbackend.tools.load.ws.phase.DialogStormPhase;
import io.chatbackend.tools.load.ws.phase.GroupStormPhase;
import io.chatbackend.tools.load.ws.phase.IdlePhase;
import io.chatbackend.tools.load.ws.phase.LargeGroup;
import io.chatbackend.tools.load.ws.phase.LargeGroupPhase;
import io.chatbackend.tools.load.ws.phase.LoadPhase;
import io.chatbackend.tools.load.ws.phase.PhaseContext;
import io.chatbackend.tools.load.ws.report.WsReport;
import io.chatbackend.tools.load.ws.session.SessionConnector;
import io.chatbackend.tools.load.ws.session.SessionEvents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WebSocket benchmark run: log in as the administrator, find the node, then run the chosen phases in order
 * (the idle sessions stay open through phase load; the large group serves phases group and storm-group), print
 * each phase's figures and checker verdict, and write the report. True when every check passed.
 */
final class WsBench {

    private final WsSettings settings;
    private final Transcript out = new Transcript();
    private final Map<WsPhase, Boolean> outcomes = new LinkedHashMap<>();

    WsBench(WsSettings settings) {
        this.settings = settings;
    }

    boolean run() throws Exception {
        out.say("bench-ws: %s", settings.describe());
        out.say("machine at start: %s", Machine.now().describe());
        GatewayClient gateway = new GatewayClient(settings.gateway());
        AdminLogin adminToken = new AdminLogin(gateway, settings);
        adminToken.get(); // fails early when the password is wrong
        NodeProbe node = NodeProbe.find(gateway, adminToken, settings.gatewayPort(), settings.dataDir(),
                settings.nodePid(), settings.nodeUrl());
        out.say("%s", node.describe());
        SessionEvents events = new SessionEvents();
        WsReport report = new WsReport();
        String socketUrl = settings.socketsToNode() ? node.socketUrl() : null;
        if (settings.socketsToNode()) {
            out.say("sockets straight to the node at %s (tickets through the gateway)", socketUrl);
        }
        try (SessionConnector connector = new SessionConnector(gateway, events, socketUrl)) {
            PhaseContext context = new PhaseContext(settings, gateway, adminToken, new DeliveryChecker(), connector,
                    events, node, out, report);
            runPhases(context);
        }
        out.say("");
        out.say("== summary ==");
        outcomes.forEach((phase, passed) -> out.say("%-14s %s", phase.option(), passed ? "checks passed"
                : "CHECKS FAILED"));
        out.say("machine at end: %s", Machine.now().describe());
        boolean passed = outcomes.values().stream().allMatch(Boolean::booleanValue);
        out.say(passed ? "every check passed" : "SOME CHECK FAILED: see the phases above");
        HtmlReport.write(settings.report(), report.render("bench-ws, " + java.time.LocalDateTime.now().withNano(0),
                out.lines()));
        System.out.println("report: " + settings.report().toAbsolutePath());
        return passed;
    }

    private void runPhases(PhaseContext context) throws Exception {
        IdlePhase idle = new IdlePhase(context);
        if (settings.runs(WsPhase.IDLE)) {
            outcomes.put(WsPhase.IDLE, idle.run());
        }
        if (settings.runs(WsPhase.LOAD)) {
            outcomes.put(WsPhase.LOAD, new LoadPhase(context).run());
        }
        idle.close();
        LargeGroup group = null;
        if (settings.runs(WsPhase.GROUP)) {
            LargeGroupPhase phase = new LargeGroupPhase(context);
            outcomes.put(WsPhase.GROUP, phase.run());
            group = phase.group();
        }
        if (settings.runs(WsPhase.STORM_GROUP)) {
            GroupStormPhase phase = new GroupStormPhase(context, group);
            outcomes.put(WsPhase.STORM_GROUP, phase.run());
            group = phase.group();
        }
        if (group != null) {
            group.close(context);
        }
        if (settings.runs(WsPhase.STORM_DIALOGS)) {
            outcomes.put(WsPhase.STORM_DIALOGS, new DialogStormPhase(context).run());
        }
    }
}
