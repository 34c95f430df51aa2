package io.chatbackend.tools.load.common.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the watched processes from {@code /proc/<pid>/stat}: utime + stime of each process and everything
 * below it, plus what its reaped children used (PostgreSQL's backends that ended meanwhile), in clock ticks.
 */
public final class CpuMeter {

    private final Path proc;
    private final List<WatchedProcess> processes;
    private final long ticksPerSecond;

    public CpuMeter(Path proc, List<WatchedProcess> processes, long ticksPerSecond) {
        this.proc = proc;
        this.processes = List.copyOf(processes);
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Ticks used so far by each watched process (with its tree), by name. */
    public Map<String, Long> sample() {
        ProcessTable table = ProcessTable.read(proc);
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (WatchedProcess process : processes) {
            long sum = 0;
            for (long pid : table.tree(process.pid())) {
                sum += readStat(pid).map(s -> s.ownTicks() + s.reapedChildrenTicks()).orElse(0L);
            }
            ticks.merge(process.name(), sum, Long::sum);
        }
        return ticks;
    }

    private java.util.Optional<ProcStat> readStat(long pid) {
        try {
            return java.util.Optional.of(ProcStat.parse(Files.readString(proc.resolve(Long.toString(pid))
                    .resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // ended between the listing and the read
        }
    }

    /** The CPU each process used between two samples, per acknowledged send and as cores busy. */
    public List<CpuUse> between(Map<String, Long> before, Map<String, Long> after, long sends, double seconds) {
        return after.entrySet().stream().map(entry -> {
            long ticks = Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), entry.getValue()));
            double cpuSeconds = (double) ticks / ticksPerSecond;
            return new CpuUse(entry.getKey(), cpuSeconds, sends == 0 ? Double.NaN : cpuSeconds * 1e6 / sends,
                    cpuSeconds / seconds);
        }).toList();
    }

    /**
     * @param name           the process
     * @param cpuSeconds     CPU it used in the window
     * @param microsPerSend  of it, per acknowledged send
     * @param cores          cores it kept busy on average
     */
    public record CpuUse(String name, double cpuSeconds, double microsPerSend, double cores) {
    }
}
