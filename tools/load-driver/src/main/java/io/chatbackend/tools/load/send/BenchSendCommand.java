package io.chatbackend.tools.load.send;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code ./bench-send}: the send-path benchmark against a running local system. */
@Command(name = "bench-send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send benchmark through the gateway of a running local system, with live delivery and the "
                + "read side running. Exit code 0: a valid run; 1: invalid (more than 0.1%% of the measured sends "
                + "were not acknowledged with 201); 2: usage."})
public final class BenchSendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "direct", converter = ScenarioConverter.class,
            description = "direct | group | readback (default: ${DEFAULT-VALUE})")
    Scenario scenario;
    @Option(names = "--rate", description = "open loop: sends offered per second (latency from intended times)")
    Double rate;
    @Option(names = "--senders", description = "closed loop (without --rate): concurrent senders (default 16)")
    Integer senders;
    @Option(names = "--seconds", defaultValue = "30", description = "measured seconds (default: ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "10", description = "seconds before the measurement, not counted "
            + "(default: ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--dialogs", defaultValue = "1000", description = "direct dialogs the sends are spread over "
            + "(default: ${DEFAULT-VALUE})")
    int dialogs;
    @Option(names = "--group-size", defaultValue = "200", description = "members of the group (default: ${DEFAULT-VALUE})")
    int groupSize;
    @Option(names = "--group-senders", defaultValue = "64", description = "members sending into the group "
            + "(default: ${DEFAULT-VALUE})")
    int groupSenders;
    @Option(names = "--lag-sample", defaultValue = "0.02", description = "share of sends followed until visible in "
            + "the history (readback: all) (default: ${DEFAULT-VALUE})")
    double lagSample;
    @Option(names = "--poll-ms", defaultValue = "20", description = "history poll interval while following a send "
            + "(default: ${DEFAULT-VALUE})")
    int pollMillis;
    @Option(names = "--max-in-flight", defaultValue = "2000", description = "open loop: sends in flight at most; "
            + "reaching it is reported (default: ${DEFAULT-VALUE})")
    int maxInFlight;
    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", description = "default: ${DEFAULT-VALUE}")
    String gateway;
    @Option(names = "--admin", defaultValue = "admin", description = "the administrator (provisioning)")
    String admin;
    @Option(names = "--admin-password", required = true, defaultValue = "${env:CHAT_UAA_ADMIN_PASSWORD}",
            description = "default: $CHAT_UAA_ADMIN_PASSWORD")
    String adminPassword;
    @Option(names = "--data-dir", description = "the local run's data folder (run-local --data-dir); found from "
            + "the running processes when omitted")
    Path dataDir;
    @Option(names = "--ceiling-seconds", defaultValue = "10", description = "seconds of the PostgreSQL commit "
            + "ceiling at 1 and at 16 connections; 0 skips it (default: ${DEFAULT-VALUE})")
    int ceilingSeconds;
    @Option(names = "--report", description = "the HTML report (default: target/bench-send/report-<time>.html)")
    Path report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchSendCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return new SendBench(settings()).run() ? 0 : 1;
    }

    /** The parsed options, checked. */
    BenchSettings settings() {
        if (rate != null && senders != null) {
            throw usage("choose one: --rate (open loop) or --senders (closed loop)");
        }
        if (rate != null && !(rate > 0)) {
            throw usage("--rate must be positive");
        }
        int closedLoopSenders = senders == null ? 16 : senders;
        if (closedLoopSenders < 1 || seconds < 1 || warmup < 0 || dialogs < 1 || groupSize < 2 || groupSenders < 1
                || groupSenders > groupSize || pollMillis < 1 || maxInFlight < 1 || ceilingSeconds < 0
                || lagSample < 0 || lagSample > 1) {
            throw usage("out of range: every count must be positive, --group-senders at most --group-size, "
                    + "--lag-sample between 0 and 1");
        }
        Path reportFile = report != null ? report : Path.of("target", "bench-send", "report-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
        return new BenchSettings(gateway, admin, adminPassword, scenario, rate == null ? 0 : rate, closedLoopSenders,
                seconds, warmup, dialogs, groupSize, groupSenders, lagSample, pollMillis, maxInFlight, dataDir,
                ceilingSeconds, reportFile);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
    }

    /** Scenario names in lower case, as the help shows them. */
    static final class ScenarioConverter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            try {
                return Scenario.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected direct, group or readback but got " + value);
            }
        }
    }
}
