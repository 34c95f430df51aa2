package io.chatbackend.tools.load.common.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A snapshot of the processes in {@code /proc}: who runs, with which command line, under which parent. */
public final class ProcessTable {

    private final Map<Long, ProcessEntry> processes;

    ProcessTable(Map<Long, ProcessEntry> processes) {
        this.processes = java.util.Collections.unmodifiableMap(new TreeMap<>(processes)); // by pid: a stable order
    }

    public static ProcessTable read(Path proc) {
        Map<Long, ProcessEntry> processes = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                readEntry(entry).ifPresent(process -> processes.put(process.pid(), process));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc, e);
        }
        return new ProcessTable(processes);
    }

    /** The process, or empty when it ended meanwhile (a race every /proc reader has to accept). */
    private static Optional<ProcessEntry> readEntry(Path entry) {
        try {
            ProcStat stat = ProcStat.parse(Files.readString(entry.resolve("stat")));
            String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
            List<String> arguments = cmdline.isEmpty() ? List.of() : Arrays.asList(cmdline.split("\0"));
            return Optional.of(new ProcessEntry(stat.pid(), stat.ppid(), arguments));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<ProcessEntry> get(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    public List<ProcessEntry> matching(Predicate<ProcessEntry> predicate) {
        return processes.values().stream().filter(predicate).toList();
    }

    /** {@code root} and every process below it. */
    public Set<Long> tree(long root) {
        Set<Long> tree = new LinkedHashSet<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            if (tree.add(pid)) {
                List<Long> children = new ArrayList<>();
                processes.values().stream().filter(p -> p.ppid() == pid).forEach(p -> children.add(p.pid()));
                pending.addAll(children);
            }
        }
        return tree;
    }
}
