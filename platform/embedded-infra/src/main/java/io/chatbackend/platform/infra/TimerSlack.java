package io.chatbackend.platform.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child process with a coarser timer slack (Linux): the kernel may then wake its timed sleeps up to that
 * much later, and merges them. The embedded Cassandra is started so because its request threads, after each
 * request, poll for the next one by sleeping 10 µs at a time for about 10 ms: under a steady trickle of requests
 * that never stops and costs a fifth of a core on a machine that runs everything at once (ADR 0019's stop-23
 * amendment). A child inherits the slack across {@code exec}, and its threads inherit it from the thread that
 * starts them. Where the setting does not exist (other systems, old kernels) the command runs unchanged.
 */
final class TimerSlack {

    private static final Path OWN_SLACK = Path.of("/proc/self/timerslack_ns");

    private TimerSlack() {
    }

    /** The command, started through a shell that sets its own slack and then becomes the command. */
    static List<String> wrap(List<String> command, Duration slack) {
        if (slack.isZero() || slack.isNegative() || !Files.isWritable(OWN_SLACK)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo " + slack.toNanos() + " > " + OWN_SLACK + " 2>/dev/null; exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }
}
