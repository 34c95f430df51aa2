package io.chatbackend.tools.load.ws.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checker's word on one phase: how much it checked, what it found (a count per kind, the first of each kind),
 * and the frames that could not be judged because their send never got a definite answer.
 *
 * @param clients              clients checked
 * @param messagesExpected     client × acknowledged message pairs that had to arrive
 * @param deliveredWithoutAck  message frames at a dialogSeq no 201 named, in dialogs where a send went unanswered
 *                             (the send may have committed after the driver gave up: not counted as wrong)
 * @param notChecked           clients left out because they could not connect
 */
public record Verdict(int clients, long messagesExpected, long deliveredWithoutAck, int notChecked,
                      Map<Finding.Kind, Long> counts, List<Finding> examples) {

    public boolean passed() {
        return counts.values().stream().allMatch(count -> count == 0);
    }

    public long total(Finding.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** The lines to print: one summary, then each kind's count and first examples. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        String checked = String.format("%,d clients, %,d client × message deliveries expected%s%s", clients,
                messagesExpected, deliveredWithoutAck == 0 ? "" : String.format("; %,d frames of sends that got no "
                        + "definite answer (not judged)", deliveredWithoutAck),
                notChecked == 0 ? "" : String.format("; %,d clients not checked (could not connect)", notChecked));
        if (passed()) {
            lines.add("check PASSED: every acknowledged message reached every live client of its dialogs once, in "
                    + "dialogSeq order, as acknowledged (" + checked + ")");
            return lines;
        }
        Map<Finding.Kind, Long> sorted = new TreeMap<>(counts);
        StringBuilder summary = new StringBuilder("check FAILED (" + checked + "):");
        sorted.forEach((kind, count) -> summary.append(String.format(" %,d %s;", count, kind.words())));
        lines.add(summary.toString());
        for (Finding.Kind kind : sorted.keySet()) {
            examples.stream().filter(f -> f.kind() == kind).forEach(f -> lines.add("  " + kind.words() + ": "
                    + f.description()));
        }
        return lines;
    }
}
