package io.chatbackend.tools.load.common.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgLineChartTest {

    @Test
    void axisTopsAreRound() {
        assertThat(SvgLineChart.niceCeiling(73)).isEqualTo(100);
        assertThat(SvgLineChart.niceCeiling(120)).isEqualTo(200);
        assertThat(SvgLineChart.niceCeiling(0.3)).isEqualTo(0.5);
        assertThat(SvgLineChart.niceCeiling(0)).isEqualTo(1);
    }

    @Test
    void theXAxisIsLabelledWithItsStep() {
        String svg = SvgLineChart.render("recovered", "sessions", new SvgLineChart.XAxis("seconds since <start>", 0.5),
                List.of(new SvgLineChart.Line("all", "#000", new double[] {0, 1, 2, 3})));
        assertThat(svg).contains(">1.50</text>", "seconds since &lt;start&gt;").doesNotContain("measured window");
    }

    @Test
    void aPageHoldsItsSectionsEscaped() {
        String html = new HtmlReport("a <b>").heading("h & h").preformatted("x < y").transcript(List.of("done"))
                .render();
        assertThat(html).contains("<h1>a &lt;b&gt;</h1>", "<h2>h &amp; h</h2>", "x &lt; y", "done", "</html>");
    }
}
