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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code chat-admin audit verify|export <context>}: verifies a context's chains and signed checkpoints through the
 * audit API, or writes its stream in the stored form to a file (ADR 0027; needs an AUDITOR or ADMIN token);
 * {@code chat-admin audit check <file>} verifies such a file offline ({@code docs/audit-export.md}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Verify a context's audit stream, export it (uaa, message-domain, dialog-domain, "
                + "user-client), or check an export offline.", "verify calls POST /api/v1/audit/{context}/verify "
                + "(then polls its Location); export GET /api/v1/audit/{context}/events?form=stored as "
                + "application/x-ndjson; check needs only the file (docs/audit-export.md)."},
        footer = {"", "Exit codes: 0 intact (verify, check) or written (export), 1 failed, 2 bad usage, "
                + "3 breaks found."})
final class AuditCommand implements Callable<Integer> {

    enum Action { verify, export, check }

    @Parameters(index = "0", paramLabel = "verify|export|check", description = "What to do: "
            + "${COMPLETION-CANDIDATES}.")
    Action action;

    @Parameters(index = "1", paramLabel = "<context>|<file>", description = "The context (uaa, message-domain, "
            + "dialog-domain or user-client); for check, the exported file.")
    String context;

    @Option(names = "--out", description = "export: the file to write (default <context>-audit.ndjson).")
    Path out;

    @Option(names = "--after", defaultValue = "0", description = "export: start after this position "
            + "(default ${DEFAULT-VALUE}: from the first item).")
    long after;

    @Option(names = "--poll-millis", defaultValue = "500", description = "verify: poll interval (default "
            + "${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Option(names = "--checkpoint-key-file", description = "check: a file holding the context's checkpoint key "
            + "(CHAT_AUDIT_CHECKPOINT_KEY), to check the signatures of the checkpoints the export begins with.")
    Path checkpointKeyFile;

    @Option(names = "--plain", description = "Progress as plain lines instead of a bar (automatic without a "
            + "terminal).")
    boolean plain;

    @Mixin
    AdminLogin admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (action == Action.check) {
            return check(Path.of(context), stdout, err);
        }
        admin.check();
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

    private int check(Path file, PrintWriter stdout, PrintWriter err) {
        AuditFileCheck.Result result;
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            byte[] key = checkpointKeyFile == null ? null : Files.readString(checkpointKeyFile).strip()
                    .getBytes(StandardCharsets.UTF_8);
            result = AuditFileCheck.check(lines, key);
        } catch (IOException | RuntimeException e) {
            err.println("chat-admin: could not read " + file + ": " + e.getMessage());
            err.flush();
            return Formatting.EXIT_FAILED;
        }
        stdout.println(file + ": " + result.lines() + " items in " + result.streams() + " streams, "
                + result.unchecked() + " unchecked (their earlier items are not in the file), "
                + result.checkpoints() + " signed checkpoints (" + (result.signaturesChecked() ? "signatures checked"
                : "signatures not checked: no --checkpoint-key-file") + "), "
                + result.findings().size() + (result.findings().size() == 1 ? " break" : " breaks"));
        for (AuditFileCheck.Finding finding : result.findings()) {
            stdout.println("  " + finding.stream() + " #" + finding.sequence() + ": " + finding.reason());
        }
        stdout.flush();
        return result.findings().isEmpty() ? Formatting.EXIT_OK : Formatting.EXIT_DIFFERENCES;
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
