package io.chatbackend.tools.load.send.report;

import io.chatbackend.tools.load.send.figures.SecondFigures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run as one self-contained HTML file: acknowledge latency per second (p50, p99, max), the throughput curve
 * (offered and acknowledged per second) and the tables the run printed. Charts are inline SVG, so the file opens
 * anywhere without a network.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(String title, List<SecondFigures> seconds, List<String> transcript) {
        double[] p50 = seconds.stream().mapToDouble(SecondFigures::p50Millis).toArray();
        double[] p99 = seconds.stream().mapToDouble(SecondFigures::p99Millis).toArray();
        double[] max = seconds.stream().mapToDouble(SecondFigures::maxMillis).toArray();
        double[] offered = seconds.stream().mapToDouble(SecondFigures::offered).toArray();
        double[] acknowledged = seconds.stream().mapToDouble(SecondFigures::acknowledged).toArray();
        double[] other = seconds.stream().mapToDouble(SecondFigures::other).toArray();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1100px}pre{background:#f6f6f6;padding:1em;\
                overflow-x:auto;font-size:12px}</style></head><body>
                <h1>%s</h1>
                """.formatted(SvgLineChart.escape(title), SvgLineChart.escape(title)));
        html.append("<h2>Acknowledge latency per second (from each send's intended time)</h2>\n");
        html.append(SvgLineChart.render("latency of the sends intended in each second", "ms", List.of(
                new SvgLineChart.Line("p50", "#1f77b4", p50), new SvgLineChart.Line("p99", "#ff7f0e", p99),
                new SvgLineChart.Line("max", "#d62728", max))));
        html.append("<h2>Throughput per second</h2>\n");
        html.append(SvgLineChart.render("offered and acknowledged sends per second", "sends/s", List.of(
                new SvgLineChart.Line("offered", "#7f7f7f", offered),
                new SvgLineChart.Line("acknowledged (201)", "#2ca02c", acknowledged),
                new SvgLineChart.Line("other answers", "#d62728", other))));
        html.append("<h2>Per second</h2>\n<pre>").append(SvgLineChart.escape(table(seconds))).append("</pre>\n");
        html.append("<h2>Output of the run</h2>\n<pre>")
                .append(SvgLineChart.escape(String.join("\n", transcript))).append("</pre>\n</body></html>\n");
        return html.toString();
    }

    public static void write(Path file, String html) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html);
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
