package io.chatbackend.platform.infra;

import java.time.Duration;
import java.util.Optional;

/** Ends this JVM (running its shutdown hooks) once a given process is gone. */
public final class ParentWatch {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration HALT_AFTER = Duration.ofSeconds(45);

    private ParentWatch() {
    }

    public static void exitWhenDead(long pid) {
        Optional<ProcessHandle> watched = ProcessHandle.of(pid);
        if (watched.isEmpty()) {
            System.err.println("watched process " + pid + " is already gone; exiting");
            System.exit(3);
        }
        Thread watcher = new Thread(() -> {
            ProcessHandle handle = watched.get();
            while (handle.isAlive()) {
                sleep(POLL);
            }
            System.err.println("process " + pid + " that started this one is gone; shutting down");
            Thread halter = new Thread(() -> {
                sleep(HALT_AFTER);
                Runtime.getRuntime().halt(4);
            }, "parent-watch-halt");
            halter.setDaemon(true);
            halter.start();
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
