package io.chatbackend.tools.load.common.report;

import java.util.ArrayList;
import java.util.List;

/** Prints the run's lines and keeps them for the report. */
public final class Transcript {

    private final List<String> lines = new ArrayList<>();

    public synchronized void say(String format, Object... arguments) {
        String line = arguments.length == 0 ? format : String.format(format, arguments);
        System.out.println(line);
        lines.addAll(List.of(line.split("\n", -1)));
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
