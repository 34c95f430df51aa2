package io.chatbackend.tools.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a rebuild's progress and outcome read on the terminal, and the exit code it ends with. */
final class Formatting {

    /** DONE and the rebuilt model equals the live one. */
    static final int EXIT_OK = 0;
    static final int EXIT_IDENTICAL = EXIT_OK;
    /** The rebuild failed, was refused, or the API could not be reached. */
    static final int EXIT_FAILED = 1;
    /** DONE, and the comparison found differences (or none could be reported). */
    static final int EXIT_DIFFERENCES = 3;

    private Formatting() {
    }

    static int exitCode(JobStatus status) {
        if (!JobStatus.DONE.equals(status.state()) && !JobStatus.COMPARED.equals(status.state())) {
            return EXIT_FAILED;
        }
        return status.report() != null && status.report().differences() == 0 ? EXIT_IDENTICAL : EXIT_DIFFERENCES;
    }

    /** One line of progress: {@code RUNNING  1,200/5,000 (24%)  340/s  ETA 0:11}. */
    static String progressLine(JobStatus status) {
        StringBuilder line = new StringBuilder(status.state() == null ? "?" : status.state()).append("  ");
        if (status.total() > 0) {
            line.append(count(status.done())).append('/').append(count(status.total()))
                    .append(" (").append(Math.min(100, status.done() * 100 / status.total())).append("%)");
        } else {
            line.append(count(status.done())).append(" done");
        }
        line.append("  ").append(rate(status.ratePerSecond()));
        if (!status.finished()) {
            line.append("  ETA ").append(status.eta() == null ? "?" : duration(status.eta()));
        }
        return line.toString();
    }

    /** {@code 12.5/s} below 100 per second, {@code 3,400/s} above. */
    static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.ROOT, "%.1f/s", perSecond)
                : String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** {@code 0:07}, {@code 12:30}, {@code 2:05:00}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    /** The final report: outcome, epochs, comparison counts per table, example differences. */
    static List<String> summary(JobStatus status) {
        List<String> lines = new ArrayList<>();
        boolean compared = JobStatus.COMPARED.equals(status.state());
        String job = (compared ? "Comparison " : "Rebuild ") + status.jobId() + " of " + status.model();
        if (!JobStatus.DONE.equals(status.state()) && !compared) {
            lines.add(job + " " + status.state() + ": " + (status.error() == null ? "no reason given" : status.error()));
            lines.add("The live model is untouched (epoch " + status.fromEpoch() + ").");
            return lines;
        }
        lines.add(compared ? job + " is COMPARED: epoch " + status.fromEpoch() + " stays live, the copy of "
                + count(status.done()) + " replayed is dropped." : job + " is DONE: epoch " + status.toEpoch()
                + " is live (was " + status.fromEpoch() + "), " + count(status.done()) + " replayed.");
        if (status.error() != null) {
            lines.add("Warning: " + status.error());
        }
        JobStatus.Report report = status.report();
        if (report == null) {
            lines.add("The service sent no comparison report.");
            return lines;
        }
        lines.add("Compared " + count(report.liveRows()) + " live rows with " + count(report.rebuiltRows())
                + " rebuilt rows: " + counts(report.onlyInLive(), report.onlyInRebuilt(), report.differing()) + ".");
        for (JobStatus.TableResult table : report.tables()) {
            StringBuilder line = new StringBuilder("  ").append(table.logicalTable()).append(": ")
                    .append(table.liveTable()).append(' ').append(count(table.liveRows())).append(" rows, ")
                    .append(table.rebuiltTable()).append(' ').append(count(table.rebuiltRows())).append(" rows; ")
                    .append(counts(table.onlyInLive(), table.onlyInRebuilt(), table.differing()));
            if (!table.columnsOnlyInLive().isEmpty()) {
                line.append("; columns dropped ").append(table.columnsOnlyInLive());
            }
            if (!table.columnsOnlyInRebuilt().isEmpty()) {
                line.append("; columns added ").append(table.columnsOnlyInRebuilt());
            }
            lines.add(line.toString());
        }
        if (report.differences() == 0) {
            lines.add("No differences: the rebuilt model equals the live one.");
            return lines;
        }
        lines.add(count(report.differences()) + " rows differ. Examples (" + report.examples().size() + "):");
        for (JobStatus.Example example : report.examples()) {
            StringBuilder line = new StringBuilder("  ").append(String.format(Locale.ROOT, "%-15s", example.kind()))
                    .append(' ').append(example.logicalTable()).append(' ').append(key(example.primaryKey()));
            if (example.column() != null) {
                line.append(' ').append(example.column()).append(": live ").append(example.liveValue())
                        .append(", rebuilt ").append(example.rebuiltValue());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String counts(long onlyInLive, long onlyInRebuilt, long differing) {
        return count(onlyInLive) + " only in live, " + count(onlyInRebuilt) + " only in rebuilt, " + count(differing)
                + " differing";
    }

    private static String key(Map<String, String> key) {
        return key.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
