package io.chatbackend.tools.admin;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code chat-admin audit verify|export <context>}: verifies a context's chains and signed checkpoints through the
 * audit API, or writes its audit stream to a file (ADR 0027). Needs an AUDITOR or ADMIN token.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Verify a context's audit stream, or export it (uaa, message-domain, dialog-domain, "
                + "user-client).", "Calls POST /api/v1/audit/{context}/verify (then polls its Location), or "
                + "GET /api/v1/audit/{context}/events as application/x-ndjson."},
        footer = {"", "Exit codes: 0 intact (verify) or written (export), 1 failed, 2 bad usage, 3 breaks found."})
final class AuditCommand implements Callable<Integer> {

    enum Action { verify, export }

    @Parameters(index = "0", paramLabel = "verify|export", description = "What to do: ${COMPLETION-CANDIDATES}.")
    Action action;

    @Parameters(index = "1", paramLabel = "<context>", description = "The context: uaa, message-domain, "
            + "dialog-domain or user-client.")
    String context;

    @Option(names = "--out", description = "export: the file to write (default <context>-audit.ndjson).")
    Path out;

    @Option(names = "--after", defaultValue = "0", description = "export: start after this position "
            + "(default ${DEFAULT-VALUE}: from the first item).")
    long after;

    @Option(names = "--poll-millis", defaultValue = "500", description = "verify: poll interval (default "
            + "${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Option(names = "--plain", description = "Progress as plain lines instead of a bar (automatic without a "
            + "terminal).")
    boolean plain;

    @Mixin
    AdminLogin admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        admin.check();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdminClient client = new AdminClient(admin.gateway);
        try {
            String token = admin.accessToken(client);
            return action == Action.verify ? verify(client, token, stdout, err) : export(client, token, stdout, err);
        } catch (AdminException e) {
            err.println("chat-admin: " + e.getMessage());
            err.flush();
            return Formatting.EXIT_FAILED;
        }
    }

    private int verify(AdminClient client, String token, PrintWriter stdout, PrintWriter err)
            throws AdminException, InterruptedException {
        AdminClient.Verification verification = client.startVerification(context, token);
        try (ProgressBar bar = bar("verify " + context, err)) {
            int failures = 0;
            while (verification.report() == null) {
                Thread.sleep(pollMillis);
                if (bar != null) {
                    bar.step();
                }
                try {
                    verification = client.verification(verification.location(), token);
                    failures = 0;
                } catch (AdminException e) {
                    if (!e.retryable() || ++failures > RebuildCommand.MAX_POLL_FAILURES) {
                        throw e;
                    }
                }
            }
        }
        JsonNode report = verification.report();
        JsonNode breaks = report.path("breaks");
        stdout.println(context + ": " + report.path("streams").asLong() + " streams, " + report.path("events")
                .asLong() + " items, " + report.path("checkpoints").asLong() + " signed checkpoints, "
                + breaks.size() + (breaks.size() == 1 ? " break" : " breaks"));
        for (JsonNode broken : breaks) {
            stdout.println("  " + broken.path("aggregateId").asString() + " #" + broken.path("sequence").asLong()
                    + ": " + broken.path("reason").asString());
        }
        stdout.flush();
        return breaks.isEmpty() ? Formatting.EXIT_OK : Formatting.EXIT_DIFFERENCES;
    }

    private int export(AdminClient client, String token, PrintWriter stdout, PrintWriter err) throws AdminException {
        Path file = out != null ? out : Path.of(context + "-audit.ndjson");
        long written;
        try (OutputStream target = new BufferedOutputStream(Files.newOutputStream(file));
             ProgressBar bar = bar("export " + context, err)) {
            written = client.export(context, after, target, count -> {
                if (bar != null) {
                    bar.stepTo(count);
                } else if (count % 10_000 == 0) {
                    err.println("export " + context + ": " + count + " items");
                    err.flush();
                }
            }, token);
        } catch (IOException e) {
            throw new AdminException("could not write " + file + ": " + e.getMessage(), 0, false);
        }
        stdout.println(context + ": " + written + " items written to " + file);
        stdout.flush();
        return Formatting.EXIT_OK;
    }

    /** A bar with no known end on a terminal; none (plain lines) otherwise. */
    private ProgressBar bar(String task, PrintWriter err) {
        if (plain || System.console() == null) {
            return null;
        }
        return ProgressBar.builder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).continuousUpdate().setMaxRenderedLength(100).build();
    }
}
