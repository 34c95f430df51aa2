package io.chatbackend.tools.admin;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Shows a running rebuild: a progress bar on a terminal, plain lines otherwise (logs, CI, pipes). */
interface ProgressView extends AutoCloseable {

    void show(JobStatus status);

    @Override
    void close();

    /** A {@code me.tongfei:progressbar} bar on standard error with the service's rate and ETA. */
    final class Bar implements ProgressView {

        private final ProgressBar bar;
        private volatile Duration eta;

        Bar(String model) {
            bar = ProgressBar.builder().setTaskName("rebuild " + model).setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setMaxRenderedLength(120)
                    // The service knows the rate: the bar's own estimate would start from this client's first poll.
                    .setEtaFunction(state -> Optional.ofNullable(eta))
                    .build();
        }

        @Override
        public void show(JobStatus status) {
            eta = status.eta();
            bar.maxHint(status.total() > 0 ? status.total() : -1);
            bar.stepTo(status.done());
            bar.setExtraMessage(" " + status.state() + " " + Formatting.rate(status.ratePerSecond()));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One line per change, at most every {@code minimumGap} unless the state changes. */
    final class Lines implements ProgressView {

        private final PrintWriter out;
        private final long minimumGapNanos;
        private String lastLine;
        private String lastState;
        private long lastPrinted;

        Lines(PrintWriter out, Duration minimumGap) {
            this.out = out;
            this.minimumGapNanos = minimumGap.toNanos();
        }

        @Override
        public void show(JobStatus status) {
            String line = Formatting.progressLine(status);
            long now = System.nanoTime();
            boolean stateChanged = !Objects.equals(status.state(), lastState);
            if (stateChanged || (!line.equals(lastLine) && now - lastPrinted >= minimumGapNanos)) {
                out.println(line);
                out.flush();
                lastLine = line;
                lastState = status.state();
                lastPrinted = now;
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
