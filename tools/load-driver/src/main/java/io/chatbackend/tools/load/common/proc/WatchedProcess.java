package io.chatbackend.tools.load.common.proc;

/** A process whose CPU the run reports, counted with everything below it (PostgreSQL is a tree of processes). */
public record WatchedProcess(String name, long pid) {
}
