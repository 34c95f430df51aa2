package io.chatbackend.tools.load.ws;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchWsCommandTest {

    private static WsSettings parse(String... args) {
        BenchWsCommand command = new BenchWsCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void theDefaultsRunEveryPhase() {
        WsSettings settings = parse("--admin-password", "pw");
        assertThat(settings.phases()).isEqualTo(EnumSet.allOf(WsPhase.class));
        assertThat(settings.holdSeconds()).isEqualTo(60);
        assertThat(settings.backgroundRate()).isEqualTo(200);
        assertThat(settings.groupMessages()).isEqualTo(20);
        assertThat(settings.groupWarmup()).isEqualTo(3);
        assertThat(settings.gatewayPort()).isEqualTo(8080);
        assertThat(settings.report().toString()).startsWith("target/bench-ws/report-").endsWith(".html");
    }

    @Test
    void theSmallRunOfTheIssue() {
        WsSettings settings = parse("--admin-password", "pw", "--gateway", "http://127.0.0.1:18090", "--users", "50",
                "--sessions", "200", "--group-size", "200", "--group-messages", "5", "--storm-messages", "20",
                "--storm-users", "100", "--background-rate", "20", "--hold-seconds", "10", "--data-dir", "/tmp/d");
        assertThat(settings.sessions()).isEqualTo(200);
        assertThat(settings.groupSize()).isEqualTo(200);
        assertThat(settings.stormUsers()).isEqualTo(100);
        assertThat(settings.gatewayPort()).isEqualTo(18090);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(settings.describe()).contains("idle, load, group, storm-group, storm-dialogs");
    }

    @Test
    void phasesAreChosenSkippedOrLeftOutByZeroCounts() {
        assertThat(parse("--admin-password", "pw", "--phases", "idle,storm-dialogs").phases())
                .containsExactlyInAnyOrder(WsPhase.IDLE, WsPhase.STORM_DIALOGS);
        assertThat(parse("--admin-password", "pw", "--skip", "idle,load").phases())
                .containsExactlyInAnyOrder(WsPhase.GROUP, WsPhase.STORM_GROUP, WsPhase.STORM_DIALOGS);
        assertThat(parse("--admin-password", "pw", "--group-size", "0", "--storm-messages", "0").phases())
                .containsExactlyInAnyOrder(WsPhase.IDLE, WsPhase.LOAD);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--phases", "idle,fly"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("no phase fly");
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--group-size", "1"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--group-warmup", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--message-rate", "0"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void helpListsEveryOption() {
        StringWriter help = new StringWriter();
        new CommandLine(new BenchWsCommand()).usage(new PrintWriter(help));
        assertThat(help.toString()).contains("--phases", "--skip", "--hold-seconds", "--background-rate",
                "--group-size", "--group-warmup", "--group-messages", "--storm-messages", "--storm-users", "--node-pid", "--report");
    }
}
