package io.chatbackend.tools.load.ws.report;

import io.chatbackend.tools.load.common.figures.LatencySummary;
import io.chatbackend.tools.load.common.report.HtmlReport;
import io.chatbackend.tools.load.common.report.SvgLineChart;
import io.chatbackend.tools.load.ws.figures.LatencyDistribution;
import io.chatbackend.tools.load.ws.figures.StormFigures;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WebSocket benchmark's report page, filled as the phases end: the latency distribution of phase load, the time
 * to reach every member per message of phase group, the storms' completion curves (sessions connected and fully
 * recovered over time), then everything the run printed. Thread-safe.
 */
public final class WsReport {

    private static final int LATENCY_BUCKETS = 60;

    private Histogram loadLatency;
    private double[] toAll;
    private double[] toHalf;
    private final List<StormFigures> storms = new ArrayList<>();

    public synchronized void loadLatency(Histogram nanos) {
        loadLatency = nanos.copy();
    }

    public synchronized void groupReach(double[] millisToAll, double[] millisToHalf) {
        toAll = millisToAll.clone();
        toHalf = millisToHalf.clone();
    }

    public synchronized void storm(StormFigures figures) {
        storms.add(figures);
    }

    public synchronized String render(String title, List<String> transcript) {
        HtmlReport page = new HtmlReport(title);
        if (loadLatency != null) {
            LatencyDistribution distribution = LatencyDistribution.of(loadLatency, LATENCY_BUCKETS);
            page.heading("Phase load: send → frame at the members' sessions, under background send load")
                    .chart(SvgLineChart.render("frames per latency bucket (from each send's intended time)",
                            "frames", new SvgLineChart.XAxis("ms (bucket start)", distribution.bucketMillis()),
                            List.of(new SvgLineChart.Line("frames", "#1f77b4", distribution.counts()))))
                    .preformatted(LatencySummary.of(loadLatency).describe());
        }
        if (toAll != null) {
            page.heading("Phase group: time from each message's send until the live member sessions have it")
                    .chart(SvgLineChart.render("per message (a gap: the message never reached them all)", "ms",
                            new SvgLineChart.XAxis("message", 1), List.of(
                                    new SvgLineChart.Line("every live session", "#d62728", finite(toAll)),
                                    new SvgLineChart.Line("half of them", "#1f77b4", finite(toHalf)))));
        }
        for (StormFigures storm : storms) {
            page.heading("Reconnect " + storm.name() + ": sessions over time since all reconnected at once")
                    .chart(SvgLineChart.render(storm.sessions() + " sessions", "sessions",
                            new SvgLineChart.XAxis("seconds since the reconnects began", storm.stepSeconds()),
                            List.of(new SvgLineChart.Line("connected (welcome)", "#7f7f7f", storm.connectedCurve()),
                                    new SvgLineChart.Line("recovered everything missed", "#2ca02c",
                                            storm.recoveredCurve()))))
                    .preformatted(storm.describe());
        }
        return page.transcript(transcript).render();
    }

    /** Not reached (+∞) as a gap in the line. */
    private static double[] finite(double[] values) {
        return Arrays.stream(values).map(v -> Double.isInfinite(v) ? Double.NaN : v).toArray();
    }
}
