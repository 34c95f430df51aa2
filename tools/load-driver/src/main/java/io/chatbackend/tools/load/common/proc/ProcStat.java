package io.chatbackend.tools.load.common.proc;

/**
 * The CPU fields of one {@code /proc/<pid>/stat} line, in clock ticks.
 *
 * @param pid    the process
 * @param ppid   its parent
 * @param utime  user time of all its threads
 * @param stime  system time of all its threads
 * @param cutime user time of its children that exited and were waited for
 * @param cstime system time of the same children
 */
public record ProcStat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
     * parentheses, so the fields are counted from the last closing parenthesis: after it come state (field 3),
     * ppid (4), … utime (14), stime (15), cutime (16), cstime (17).
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String[] fields = line.substring(close + 2).trim().split("\\s+");
        if (fields.length < 15) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + line);
        }
        return new ProcStat(pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** CPU of the process itself. */
    public long ownTicks() {
        return utime + stime;
    }

    /** CPU of the children it has reaped (a server's finished workers). */
    public long reapedChildrenTicks() {
        return cutime + cstime;
    }
}
