package io.chatbackend.tools.load.send.report;

import io.chatbackend.tools.load.send.figures.SecondFigures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendReportTest {

    @Test
    void theReportIsOneFileWithInlineChartsAndNothingFetched() {
        String html = SendReport.render("bench <direct>", List.of(
                new SecondFigures(0, 500, 498, 0, 12.5, 80.1, 95.0),
                new SecondFigures(1, 500, 502, 1, Double.NaN, Double.NaN, Double.NaN)), List.of("p99 < 100 ms"));
        assertThat(html).contains("<svg", "bench &lt;direct&gt;", "p99 &lt; 100 ms", "offered", "acknowledged",
                "second of the measured window");
        assertThat(html).doesNotContain("<script", "src=", "href=", "<link");
    }
}
