package io.chatbackend.tools.load.common.proc;

import java.util.List;

/** One running process: its id, its parent and its command line split into arguments. */
public record ProcessEntry(long pid, long ppid, List<String> arguments) {

    public ProcessEntry {
        arguments = List.copyOf(arguments);
    }

    public boolean hasArgument(String argument) {
        return arguments.contains(argument);
    }

    /** The argument after {@code option} ({@code --data-dir DIR}), or null. */
    public String valueAfter(String option) {
        int at = arguments.indexOf(option);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
    }

    /** The value of the first argument starting with {@code prefix} ({@code --server.port=8080}), or null. */
    public String valueOf(String prefix) {
        return arguments.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                .findFirst().orElse(null);
    }

    /** True when {@code sequence} appears as consecutive arguments. */
    public boolean hasSequence(List<String> sequence) {
        return java.util.Collections.indexOfSubList(arguments, sequence) >= 0;
    }
}
