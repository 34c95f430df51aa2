package io.chatbackend.tools.load.common.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures were taken on: cores and load average ({@code /proc/loadavg}). */
public record Machine(int cores, String loadAverage) {

    public static Machine now() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), load);
    }

    public String describe() {
        return cores + " cores, load average " + loadAverage + " (1, 5, 15 min)";
    }

    /** USER_HZ, the unit of /proc/&lt;pid&gt;/stat times: {@code getconf CLK_TCK}, 100 where that fails. */
    public static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
