package io.chatbackend.tools.load.common.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark run as one self-contained HTML page: a title, then headings, inline SVG charts ({@link SvgLineChart})
 * and preformatted text in the order they were added. Nothing is fetched, so the file opens anywhere without a
 * network.
 */
public final class HtmlReport {

    private final StringBuilder html = new StringBuilder();

    public HtmlReport(String title) {
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1100px}pre{background:#f6f6f6;padding:1em;\
                overflow-x:auto;font-size:12px}</style></head><body>
                <h1>%s</h1>
                """.formatted(SvgLineChart.escape(title), SvgLineChart.escape(title)));
    }

    public HtmlReport heading(String text) {
        html.append("<h2>").append(SvgLineChart.escape(text)).append("</h2>\n");
        return this;
    }

    /** A chart already rendered by {@link SvgLineChart} (trusted markup, inserted as is). */
    public HtmlReport chart(String svg) {
        html.append(svg);
        return this;
    }

    public HtmlReport preformatted(String text) {
        html.append("<pre>").append(SvgLineChart.escape(text)).append("</pre>\n");
        return this;
    }

    /** The transcript of the run, one line each. */
    public HtmlReport transcript(List<String> lines) {
        return heading("Output of the run").preformatted(String.join("\n", lines));
    }

    public String render() {
        return html + "</body></html>\n";
    }

    public static void write(Path file, String html) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html);
    }
}
