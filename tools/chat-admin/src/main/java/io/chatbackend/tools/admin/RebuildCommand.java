package io.chatbackend.tools.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code chat-admin rebuild <model>}: starts a read-model rebuild, shows its progress until it ends, prints the
 * comparison of the rebuilt model with the live one and the new epoch.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuilds a read model from its sources beside the live one, compares the two and switches.",
                "Calls POST /api/v1/admin/read-models/{model}/rebuild, then polls "
                        + "GET /api/v1/admin/read-models/{model}/rebuilds/{jobId}."},
        footer = {"", "Exit codes: 0 done with no differences, 1 failed or refused, 2 bad usage, "
                + "3 done with differences."})
final class RebuildCommand implements Callable<Integer> {

    /** Consecutive failed polls (no answer, 429, 5xx) tolerated, e.g. while an instance restarts. */
    static final int MAX_POLL_FAILURES = 20;

    @Parameters(index = "0", paramLabel = "<model>", description = "The read model's name, e.g. timeline.")
    String model;

    @Mixin
    AdminLogin admin;

    @Option(names = "--poll-millis", defaultValue = "500", description = "Status poll interval (default ${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Option(names = "--compare-only", description = "Rebuild into a scratch copy, compare it with the live model "
            + "and drop it: nothing switches (POST .../compare).")
    boolean compareOnly;

    @Option(names = "--plain", description = "Progress as plain lines instead of a bar (automatic without a terminal).")
    boolean plain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        admin.check();
        if (pollMillis < 1) {
            throw new ParameterException(spec.commandLine(), "--poll-millis must be positive");
        }
        AdminClient client = new AdminClient(admin.gateway);
        try {
            String accessToken = admin.accessToken(client);
            JobStatus status = client.startRebuild(model, compareOnly, accessToken);
            err.println("Rebuild " + status.jobId() + " of " + model + " started: epoch " + status.fromEpoch()
                    + " -> " + status.toEpoch());
            err.flush();
            try (ProgressView progress = plain || System.console() == null
                    ? new ProgressView.Lines(err, Duration.ofSeconds(2)) : new ProgressView.Bar(model)) {
                int failures = 0;
                while (!status.finished()) {
                    progress.show(status);
                    Thread.sleep(pollMillis);
                    try {
                        status = client.status(model, status.jobId(), accessToken);
                        failures = 0;
                    } catch (AdminException e) {
                        if (!e.retryable() || ++failures > MAX_POLL_FAILURES) {
                            throw e;
                        }
                    }
                }
                progress.show(status);
            }
            Formatting.summary(status).forEach(out::println);
            out.flush();
            return Formatting.exitCode(status);
        } catch (AdminException e) {
            err.println("chat-admin: " + e.getMessage());
            err.flush();
            return Formatting.EXIT_FAILED;
        }
    }
}
