package io.chatbackend.tools.load.send;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchSendCommandTest {

    private static BenchSettings parse(String... args) {
        BenchSendCommand command = new BenchSendCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void anOpenLoopRun() {
        BenchSettings settings = parse("--admin-password", "pw", "--rate", "500", "--seconds", "300", "--warmup",
                "60", "--scenario", "group", "--gateway", "http://127.0.0.1:18090", "--data-dir", "/tmp/bench-data");
        assertThat(settings.openLoop()).isTrue();
        assertThat(settings.rate()).isEqualTo(500);
        assertThat(settings.seconds()).isEqualTo(300);
        assertThat(settings.warmup()).isEqualTo(60);
        assertThat(settings.scenario()).isEqualTo(Scenario.GROUP);
        assertThat(settings.groupSize()).isEqualTo(200);
        assertThat(settings.groupSenders()).isEqualTo(64);
        assertThat(settings.gatewayPort()).isEqualTo(18090);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/bench-data"));
        assertThat(settings.report().toString()).startsWith("target/bench-send/report-").endsWith(".html");
    }

    @Test
    void theDefaultsAreAClosedLoopOverAThousandDirectDialogs() {
        BenchSettings settings = parse("--admin-password", "pw");
        assertThat(settings.openLoop()).isFalse();
        assertThat(settings.senders()).isEqualTo(16);
        assertThat(settings.scenario()).isEqualTo(Scenario.DIRECT);
        assertThat(settings.dialogs()).isEqualTo(1000);
        assertThat(settings.lagShare()).isEqualTo(0.02);
        assertThat(settings.ceilingSeconds()).isEqualTo(10);
    }

    @Test
    void readbackFollowsEverySend() {
        assertThat(parse("--admin-password", "pw", "--scenario", "readback", "--rate", "50").lagShare()).isEqualTo(1.0);
    }

    @Test
    void openAndClosedLoopExcludeEachOther() {
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--rate", "50", "--senders", "4"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("choose one");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--scenario", "broadcast"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--rate", "0"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--admin-password", "pw", "--scenario", "group", "--group-size", "10",
                "--group-senders", "64")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
