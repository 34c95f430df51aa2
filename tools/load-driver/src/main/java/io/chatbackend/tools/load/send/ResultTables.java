package io.chatbackend.tools.load.send;

import io.chatbackend.tools.load.common.proc.CpuMeter;
import io.chatbackend.tools.load.common.report.Transcript;
import io.chatbackend.tools.load.send.api.LiveSessions;
import io.chatbackend.tools.load.send.drive.MeasuredWindow;
import io.chatbackend.tools.load.send.drive.ProjectionLagProbe;
import io.chatbackend.tools.load.send.drive.SendOutcomes;

import java.util.List;
import java.util.Map;

/** The figures of a run as the tables it prints (and the report repeats). */
final class ResultTables {

    private final Transcript out;
    private final BenchSettings settings;
    private final MeasuredWindow window;

    ResultTables(Transcript out, BenchSettings settings, MeasuredWindow window) {
        this.out = out;
        this.settings = settings;
        this.window = window;
    }

    void sends(SendOutcomes outcomes, String driverNote) {
        var validity = outcomes.validity();
        double seconds = window.seconds();
        out.say("");
        out.say("== sends (%d s measured) ==", window.seconds());
        out.say("offered        %,d (%.1f/s)", validity.offered(), validity.offered() / seconds);
        out.say("acknowledged   %,d (%.1f sends/s, %.1f per core)", validity.acknowledged(),
                validity.acknowledged() / seconds, validity.acknowledged() / seconds
                        / Runtime.getRuntime().availableProcessors());
        out.say("answers        %s; errors/time-outs %d", outcomes.statuses(), validity.failed());
        out.say("ack latency    %s", outcomes.acknowledgeLatency().describe());
        out.say("%s", driverNote);
    }

    void liveDelivery(SendOutcomes outcomes, LiveSessions sessions) {
        out.say("");
        out.say("== live delivery (%d sessions) ==", sessions.open());
        out.say("message frames of measured sends: %,d (%.2f per acknowledged send); all message frames %,d; "
                        + "gap frames %d; sessions closed by the server %d", outcomes.deliveries(),
                outcomes.acknowledged() == 0 ? 0.0 : (double) outcomes.deliveries() / outcomes.acknowledged(),
                sessions.messageFrames(), sessions.gapFrames(), sessions.closedByServer());
        out.say("intended send -> frame at a recipient: %s", outcomes.deliveryLatency().describe());
    }

    void projectionLag(ProjectionLagProbe probe) {
        out.say("");
        out.say("== projection lag (201 -> visible in GET /dialogs/{id}/messages), %s of the sends ==",
                settings.lagShare() >= 1 ? "all" : String.format("%.1f%%", settings.lagShare() * 100));
        out.say("lag            %s", probe.lag().describe());
        out.say("not visible within 30 s: %d; samples skipped (too many followed at once): %d; history reads: %,d",
                probe.notVisible(), probe.skipped(), probe.polls());
    }

    void cpu(List<CpuMeter.CpuUse> uses) {
        out.say("");
        out.say("== CPU per acknowledged send (/proc/<pid>/stat, process trees, measured window) ==");
        out.say("%-16s %12s %10s %8s", "process", "µs per send", "CPU s", "cores");
        double totalMicros = 0;
        double totalCores = 0;
        for (CpuMeter.CpuUse use : uses) {
            out.say("%-16s %12.0f %10.1f %8.2f", use.name(), use.microsPerSend(), use.cpuSeconds(), use.cores());
            totalMicros += Double.isNaN(use.microsPerSend()) ? 0 : use.microsPerSend();
            totalCores += use.cores();
        }
        out.say("%-16s %12.0f %10s %8.2f", "total", totalMicros, "", totalCores);
    }

    void ceiling(Map<Integer, Double> ceiling, double sendsPerSecond) {
        if (ceiling.isEmpty()) {
            return;
        }
        out.say("");
        out.say("== sends/s against the durable-commit ceiling of the same PostgreSQL ==");
        ceiling.forEach((connections, commits) -> out.say("%2d connection%s: %,.0f commits/s; %.1f sends/s = %.2f%% "
                        + "of it", connections, connections == 1 ? " " : "s", commits, sendsPerSecond,
                100 * sendsPerSecond / commits));
    }
}
