package io.chatbackend.tools.load.send.report;

import io.chatbackend.tools.load.common.report.HtmlReport;
import io.chatbackend.tools.load.common.report.SvgLineChart;
import io.chatbackend.tools.load.send.figures.SecondFigures;

import java.util.List;

/**
 * The send benchmark's report page: acknowledge latency per second (p50, p99, max), the throughput curve (offered
 * and acknowledged per second) and the tables the run printed.
 */
public final class SendReport {

    private SendReport() {
    }

    public static String render(String title, List<SecondFigures> seconds, List<String> transcript) {
        double[] p50 = seconds.stream().mapToDouble(SecondFigures::p50Millis).toArray();
        double[] p99 = seconds.stream().mapToDouble(SecondFigures::p99Millis).toArray();
        double[] max = seconds.stream().mapToDouble(SecondFigures::maxMillis).toArray();
        double[] offered = seconds.stream().mapToDouble(SecondFigures::offered).toArray();
        double[] acknowledged = seconds.stream().mapToDouble(SecondFigures::acknowledged).toArray();
        double[] other = seconds.stream().mapToDouble(SecondFigures::other).toArray();
        return new HtmlReport(title)
                .heading("Acknowledge latency per second (from each send's intended time)")
                .chart(SvgLineChart.render("latency of the sends intended in each second", "ms", List.of(
                        new SvgLineChart.Line("p50", "#1f77b4", p50), new SvgLineChart.Line("p99", "#ff7f0e", p99),
                        new SvgLineChart.Line("max", "#d62728", max))))
                .heading("Throughput per second")
                .chart(SvgLineChart.render("offered and acknowledged sends per second", "sends/s", List.of(
                        new SvgLineChart.Line("offered", "#7f7f7f", offered),
                        new SvgLineChart.Line("acknowledged (201)", "#2ca02c", acknowledged),
                        new SvgLineChart.Line("other answers", "#d62728", other))))
                .heading("Per second")
                .preformatted(table(seconds))
                .transcript(transcript)
                .render();
    }

    private static String table(List<SecondFigures> seconds) {
        StringBuilder table = new StringBuilder(String.format("%6s %8s %8s %6s %10s %10s %10s%n", "second", "offered",
                "201", "other", "p50 ms", "p99 ms", "max ms"));
        for (SecondFigures s : seconds) {
            table.append(String.format("%6d %8d %8d %6d %10.1f %10.1f %10.1f%n", s.second(), s.offered(),
                    s.acknowledged(), s.other(), s.p50Millis(), s.p99Millis(), s.maxMillis()));
        }
        return table.toString();
    }
}
