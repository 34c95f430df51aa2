package io.chatbackend.tools.load.ws.report;

import io.chatbackend.tools.load.ws.figures.StormFigures;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WsReportTest {

    @Test
    void theReportHasAChartPerFigureAndNothingFetched() {
        WsReport report = new WsReport();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        latency.recordValue(40_000_000);
        report.loadLatency(latency);
        report.groupReach(new double[] {120, Double.POSITIVE_INFINITY, 90}, new double[] {60, 70, 50});
        report.storm(StormFigures.of("storm A (large group)", 0, new long[] {1_000_000_000L}, new long[] {1}));
        report.storm(StormFigures.of("storm B (many dialogs)", 0, new long[] {0}, new long[] {0}));
        String html = report.render("bench-ws <run>", List.of("phase idle: check PASSED"));
        assertThat(html.split("<svg", -1)).hasSize(5);
        assertThat(html).contains("bench-ws &lt;run&gt;", "send → frame", "every live session", "storm A",
                "storm B", "recovered everything missed", "check PASSED").doesNotContain("Infinity", "<script",
                "src=", "href=");
    }

    @Test
    void phasesThatDidNotRunLeaveNoSection() {
        String html = new WsReport().render("bench-ws", List.of());
        assertThat(html).doesNotContain("<svg").contains("Output of the run");
    }
}
