package io.chatbackend.tools.load.common.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine is: the share of CPU time that was not idle between two reads of {@code /proc/stat}'s
 * first line (every core). Used to let the work a phase's set-up left behind (projections of 100,000 memberships,
 * sessions being registered) finish before the phase measures, and to say how long that took.
 */
public final class MachineBusy {

    /** What {@link #awaitQuiet} found: seconds waited, the last second's busy share, and whether it got quiet. */
    public record Settled(double seconds, double busy, boolean quiet) {

        public String describe() {
            return quiet ? String.format("the machine settled after %.0f s (busy %.0f%% over the last second)",
                    seconds, busy * 100)
                    : String.format("the machine did not settle within %.0f s (busy %.0f%%): measuring anyway",
                    seconds, busy * 100);
        }
    }

    private long lastTotal;
    private long lastIdle;

    public MachineBusy() {
        long[] now = read();
        lastTotal = now[0];
        lastIdle = now[1];
    }

    /** The busy share (0..1) of all cores since the previous call (or since this object was made). */
    public synchronized double sinceLast() {
        long[] now = read();
        long total = now[0] - lastTotal;
        long idle = now[1] - lastIdle;
        lastTotal = now[0];
        lastIdle = now[1];
        return total <= 0 ? 0 : Math.max(0, Math.min(1, 1 - (double) idle / total));
    }

    /**
     * Waits until the machine is busy less than {@code threshold} for {@code quietSeconds} seconds in a row, at most
     * {@code maxSeconds}.
     */
    public static Settled awaitQuiet(double threshold, int quietSeconds, int maxSeconds) throws InterruptedException {
        MachineBusy busy = new MachineBusy();
        long start = System.nanoTime();
        int quiet = 0;
        double last = 1;
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            Thread.sleep(1_000);
            last = busy.sinceLast();
            quiet = last < threshold ? quiet + 1 : 0;
            if (quiet >= quietSeconds) {
                return new Settled((System.nanoTime() - start) / 1e9, last, true);
            }
        }
        return new Settled((System.nanoTime() - start) / 1e9, last, false);
    }

    /** Total and idle (idle + iowait) jiffies of every core; zeros where /proc/stat cannot be read. */
    static long[] read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...} → {total, idle + iowait}. */
    static long[] parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total, idle};
    }
}
