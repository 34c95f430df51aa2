package io.chatbackend.tools.load.ws.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Findings as they come (from many sessions' threads): a count per kind and the first few of each. Thread-safe. */
final class Findings {

    private final int examplesPerKind;
    private final Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
    private final List<Finding> examples = new ArrayList<>();

    Findings(int examplesPerKind) {
        this.examplesPerKind = examplesPerKind;
    }

    synchronized void add(Finding.Kind kind, String description) {
        long count = counts.merge(kind, 1L, Long::sum);
        if (count <= examplesPerKind) {
            examples.add(new Finding(kind, description));
        }
    }

    /** Everything found since the last call, and forgets it (each phase gets its own verdict). */
    synchronized Snapshot drain() {
        Snapshot snapshot = new Snapshot(Map.copyOf(counts), List.copyOf(examples));
        counts.clear();
        examples.clear();
        return snapshot;
    }

    record Snapshot(Map<Finding.Kind, Long> counts, List<Finding> examples) {
    }
}
