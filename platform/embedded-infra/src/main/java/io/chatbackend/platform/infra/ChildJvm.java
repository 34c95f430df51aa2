package io.chatbackend.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server running in a child JVM that exits on its own when this JVM dies. */
final class ChildJvm {

    private final String name;
    private final Process process;
    private final Path log;
    private volatile boolean stopping;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        process.onExit().thenAccept(exited -> {
            if (!stopping) {
                System.err.println("[infra] " + name + " exited unexpectedly with code " + exited.exitValue()
                        + "; see " + log);
            }
        });
    }

    static ChildJvm start(String name, Path javaHome, String classpathResource, List<String> jvmArgs,
                          String mainClass, List<String> args, Path log, Path workDir) {
        return start(name, javaHome, classpathResource, jvmArgs, mainClass, args, log, workDir, Duration.ZERO);
    }

    /** Starts the child with the given timer slack ({@link TimerSlack}; zero leaves the system's default). */
    static ChildJvm start(String name, Path javaHome, String classpathResource, List<String> jvmArgs,
                          String mainClass, List<String> args, Path log, Path workDir, Duration timerSlack) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(serverClasspath(classpathResource) + java.io.File.pathSeparator + ownCodeLocation());
        command.add(ParentWatchdogMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(TimerSlack.wrap(command, timerSlack))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new InfraException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a child JVM to completion (e.g. a one-off storage format) and fails on a non-zero exit. */
    static void runToCompletion(String name, Path javaHome, String classpathResource, List<String> jvmArgs,
                                String mainClass, List<String> args, Path log, Path workDir) {
        ChildJvm tool = start(name, javaHome, classpathResource, jvmArgs, mainClass, args, log, workDir);
        tool.stopping = true;
        try {
            if (!tool.process.waitFor(120, TimeUnit.SECONDS)) {
                tool.process.destroyForcibly();
                throw new InfraException(name + " did not finish within 120 s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while running " + name);
        }
        if (tool.process.exitValue() != 0) {
            throw new InfraException(name + " failed with exit code " + tool.process.exitValue() + "; see " + log);
        }
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    void stop() {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println(name + " did not stop within 30 s; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String serverClasspath(String resource) {
        try (InputStream in = ChildJvm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InfraException("class path record " + resource + " is missing: build the project first ("
                        + "./mvnw -DskipTests install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ownCodeLocation() {
        try {
            return Path.of(ParentWatchdogMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
