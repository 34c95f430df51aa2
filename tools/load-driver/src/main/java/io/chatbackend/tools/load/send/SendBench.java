package io.chatbackend.tools.load.send;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.drive.OpenLoopDriver;
import io.chatbackend.tools.load.common.drive.OpenLoopSchedule;
import io.chatbackend.tools.load.common.proc.CpuMeter;
import io.chatbackend.tools.load.common.proc.Machine;
import io.chatbackend.tools.load.common.proc.ProcessTable;
import io.chatbackend.tools.load.common.proc.SystemProcesses;
import io.chatbackend.tools.load.common.report.HtmlReport;
import io.chatbackend.tools.load.common.report.Transcript;
import io.chatbackend.tools.load.send.api.LiveSessions;
import io.chatbackend.tools.load.send.api.Workload;
import io.chatbackend.tools.load.send.drive.ClosedLoopDriver;
import io.chatbackend.tools.load.send.drive.MeasuredWindow;
import io.chatbackend.tools.load.send.drive.ProjectionLagProbe;
import io.chatbackend.tools.load.send.drive.SendIssuer;
import io.chatbackend.tools.load.send.drive.SendOutcomes;
import io.chatbackend.tools.load.send.report.SendReport;

import java.nio.file.Path;
import java.util.Map;

/**
 * One benchmark run: set up the scenario, open the live sessions, find the processes, measure the database's
 * commit ceiling, drive the sends (warmup, then the measured window), then print and report the figures.
 */
final class SendBench {

    /** Sends followed for projection lag at once; more would make the probe itself a load. */
    private static final int MAX_FOLLOWED = 1_000;
    private static final int DRAIN_SECONDS = 35;

    private final BenchSettings settings;
    private final Transcript out = new Transcript();

    SendBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** True when the run is valid. */
    boolean run() throws Exception {
        out.say("bench-send: %s", settings.describe());
        out.say("machine at start: %s", Machine.now().describe());
        GatewayClient gateway = new GatewayClient(settings.gateway());
        String adminToken = gateway.login(settings.admin(), settings.adminPassword());
        long setupStart = System.nanoTime();
        Workload workload = WorkloadSetup.prepare(gateway, adminToken, settings);
        out.say("set up %s in %.1f s", workload.description(), (System.nanoTime() - setupStart) / 1e9);
        try (LiveSessions sessions = LiveSessions.open(gateway, workload.listeners(), 16)) {
            out.say("live sessions: %d open (one per recipient), %d failed to open, %d handshakes tried again",
                    sessions.open(), sessions.failedToOpen(), sessions.retriedOpens());
            SystemProcesses processes = SystemProcesses.discover(ProcessTable.read(Path.of("/proc")),
                    settings.gatewayPort(), settings.dataDir());
            out.say("processes: %s%s", processes.processes().stream().map(p -> p.name() + " " + p.pid())
                    .collect(java.util.stream.Collectors.joining(", ")), processes.missing().isEmpty() ? ""
                    : "; NOT FOUND: " + String.join(", ", processes.missing()));
            Map<Integer, Double> ceiling = DatabaseCeilingStep.run(out, settings.dataDir(),
                    processes.endpointsFile(), settings.ceilingSeconds());
            return measure(gateway, workload, sessions, processes, ceiling);
        }
    }

    private boolean measure(GatewayClient gateway, Workload workload, LiveSessions sessions,
                            SystemProcesses processes, Map<Integer, Double> ceiling) throws Exception {
        long runStart = System.nanoTime() + 500_000_000L;
        MeasuredWindow window = MeasuredWindow.after(runStart, settings.warmup(), settings.seconds());
        SendOutcomes outcomes = new SendOutcomes(window);
        sessions.listen(outcomes::delivered);
        CpuWindow cpu = new CpuWindow(new CpuMeter(Path.of("/proc"), processes.processes(),
                Machine.clockTicksPerSecond()), window);
        cpu.start();
        out.say("running: %d s warmup, then %d s measured ...", settings.warmup(), settings.seconds());
        String driverNote;
        try (ProjectionLagProbe lagProbe = new ProjectionLagProbe(gateway, settings.lagShare(),
                settings.pollMillis(), MAX_FOLLOWED)) {
            SendIssuer issuer = new SendIssuer(gateway, workload, outcomes, lagProbe);
            if (settings.openLoop()) {
                OpenLoopDriver driver = new OpenLoopDriver(OpenLoopSchedule.of(runStart, settings.rate(),
                        settings.warmup() + settings.seconds()), issuer, settings.maxInFlight());
                driver.run(DRAIN_SECONDS);
                driverNote = String.format("driver: the in-flight bound (%d) held sends back %d times; sends "
                        + "(warm-up included) started after their intended time by %s; starting one took %s", settings.maxInFlight(),
                        driver.limitHits(), driver.lateness().describe(), driver.issueTimes().describe());
            } else {
                ClosedLoopDriver driver = new ClosedLoopDriver(issuer, settings.senders());
                driver.run(window.endNanos());
                driverNote = "driver: closed loop, " + settings.senders() + " senders, " + driver.issued() + " sends";
            }
            lagProbe.awaitFollowed();
            Thread.sleep(1_000); // the last deliveries
            ResultTables tables = new ResultTables(out, settings, window);
            tables.sends(outcomes, driverNote);
            tables.liveDelivery(outcomes, sessions);
            tables.projectionLag(lagProbe);
            tables.cpu(cpu.use(outcomes.acknowledged()));
            tables.ceiling(ceiling, outcomes.acknowledged() / (double) window.seconds());
            out.say("machine at end: %s", Machine.now().describe());
            out.say(outcomes.validity().verdict());
        }
        HtmlReport.write(settings.report(), SendReport.render("bench-send " + settings.scenario().name()
                .toLowerCase() + ", " + java.time.LocalDateTime.now().withNano(0), outcomes.series().seconds(),
                out.lines()));
        System.out.println("report: " + settings.report().toAbsolutePath());
        return outcomes.validity().valid();
    }
}
