package io.chatbackend.tools.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress lines, durations, the final report and the exit codes. */
class FormattingTest {

    @Test
    void progressLinesShowDoneOfTotalRateAndEta() {
        assertThat(Formatting.progressLine(status("RUNNING", 1200, 5000, 340.4, Duration.ofSeconds(11), null)))
                .isEqualTo("RUNNING  1,200/5,000 (24%)  340/s  ETA 0:11");
        assertThat(Formatting.progressLine(status("RUNNING", 7, 0, 2.25, null, null)))
                .isEqualTo("RUNNING  7 done  2.3/s  ETA ?");
        assertThat(Formatting.progressLine(status("DONE", 5000, 5000, 12345, Duration.ZERO, report(0, 0, 0))))
                .isEqualTo("DONE  5,000/5,000 (100%)  12,345/s");
    }

    @Test
    void durationsReadAsClockTime() {
        assertThat(Formatting.duration(Duration.ofMillis(6200))).isEqualTo("0:07");
        assertThat(Formatting.duration(Duration.ofMinutes(12).plusSeconds(30))).isEqualTo("12:30");
        assertThat(Formatting.duration(Duration.ofHours(2).plusMinutes(5))).isEqualTo("2:05:00");
    }

    @Test
    void exitCodesTellIdenticalFromDifferentFromFailed() {
        assertThat(Formatting.exitCode(status("DONE", 1, 1, 1, null, report(0, 0, 0)))).isZero();
        assertThat(Formatting.exitCode(status("DONE", 1, 1, 1, null, report(1, 0, 0)))).isEqualTo(3);
        assertThat(Formatting.exitCode(status("DONE", 1, 1, 1, null, report(0, 0, 2)))).isEqualTo(3);
        assertThat(Formatting.exitCode(status("DONE", 1, 1, 1, null, null))).isEqualTo(3);
        assertThat(Formatting.exitCode(status("FAILED", 1, 1, 1, null, null))).isEqualTo(1);
    }

    @Test
    void theSummaryNamesTheNewEpochTheCountsAndTheExamples() {
        JobStatus.Report report = new JobStatus.Report(15, 14, 1, 0, 1,
                List.of(new JobStatus.TableResult("items", "items_e1", "items_e2", 12, 11, 1, 0, 1, List.of(),
                        List.of("extra"))),
                List.of(new JobStatus.Example("items", "ONLY_IN_LIVE", Map.of("owner", "'b'"), null, null, null),
                        new JobStatus.Example("items", "DIFFERENT", Map.of("owner", "'a'"), "body", "'x'", "'y'")));
        List<String> lines = Formatting.summary(new JobStatus("job-1", "toy", "DONE", 12, 12, 3, Duration.ZERO, 1, 2,
                report, null));

        assertThat(lines.get(0)).isEqualTo("Rebuild job-1 of toy is DONE: epoch 2 is live (was 1), 12 replayed.");
        assertThat(lines).contains("Compared 15 live rows with 14 rebuilt rows: 1 only in live, 0 only in rebuilt, "
                        + "1 differing.",
                "  items: items_e1 12 rows, items_e2 11 rows; 1 only in live, 0 only in rebuilt, 1 differing; "
                        + "columns added [extra]",
                "2 rows differ. Examples (2):",
                "  ONLY_IN_LIVE    items {owner='b'}",
                "  DIFFERENT       items {owner='a'} body: live 'x', rebuilt 'y'");

        assertThat(Formatting.summary(new JobStatus("job-2", "toy", "FAILED", 0, 0, 0, null, 1, 2, null, "boom")))
                .containsExactly("Rebuild job-2 of toy FAILED: boom", "The live model is untouched (epoch 1).");
    }

    @Test
    void etaIsReadAsSecondsOrAsIsoText() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(JobStatus.duration(json.readTree("12.5"))).isEqualTo(Duration.ofMillis(12500));
        assertThat(JobStatus.duration(json.readTree("\"PT1M2S\""))).isEqualTo(Duration.ofSeconds(62));
        assertThat(JobStatus.duration(json.readTree("null"))).isNull();
    }

    private static JobStatus status(String state, long done, long total, double rate, Duration eta,
                                    JobStatus.Report report) {
        return new JobStatus("job", "toy", state, done, total, rate, eta, 1, 2, report, null);
    }

    private static JobStatus.Report report(long onlyInLive, long onlyInRebuilt, long differing) {
        return new JobStatus.Report(10, 10, onlyInLive, onlyInRebuilt, differing, List.of(), List.of());
    }
}
