package io.chatbackend.platform.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TimerSlackTest {

    @Test
    void theChildRunsWithTheSlackAndItsOwnArguments() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/proc/self/timerslack_ns")), "Linux with per-process timer slack");

        Process child = new ProcessBuilder(TimerSlack.wrap(
                List.of("/bin/sh", "-c", "cat /proc/self/timerslack_ns; echo \"$0|$1\"", "first arg", "second arg"),
                Duration.ofMillis(1))).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).isZero();
        assertThat(output.lines()).containsExactly("1000000", "first arg|second arg");
    }

    @Test
    void noSlackLeavesTheCommandAlone() {
        List<String> command = List.of("java", "-version");

        assertThat(TimerSlack.wrap(command, Duration.ZERO)).isSameAs(command);
    }
}
