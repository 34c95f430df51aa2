package io.chatbackend.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its executable jar in a JVM of its own, for system tests that need the real process:
 * talk to it over HTTP, stop it, kill it ({@code kill -9}) and start it again on the same port and data. It
 * watches the test JVM and exits with it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, Path jar, int port, List<String> arguments, Map<String, String> environment,
                           Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.arguments = arguments;
        this.environment = environment;
        this.log = log;
    }

    /** Starts {@code jar} on {@code port} with Spring properties as {@code --key=value} arguments; waits until ready. */
    public static ServiceProcess start(String name, Path jar, int port, List<String> arguments) {
        return start(name, jar, port, arguments, Map.of());
    }

    /**
     * Starts {@code jar} on {@code port} with Spring properties as {@code --key=value} arguments and
     * {@code environment} added to the test JVM's (secrets go there, never on a command line); waits until ready.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> arguments,
                                       Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the module must be packaged before system tests run");
        }
        ServiceProcess service = new ServiceProcess(name, jar.toAbsolutePath(), port, List.copyOf(arguments),
                Map.copyOf(environment), TestScratch.file("service-" + name + "-", ".log"));
        service.launch();
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The arguments it was started with (to start a twin on the same stores). */
    public List<String> arguments() {
        return arguments;
    }

    /** The environment variables it was started with besides the test JVM's (its secrets). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether the process is running (false once it halted, was killed or stopped). */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops gracefully (SIGTERM) and waits. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            await(30);
        }
    }

    /** Kills without any chance to clean up ({@code kill -9}), like a crash. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            await(30);
        }
    }

    /** Starts again on the same port with the same arguments (plus {@code extra}, which win). */
    public void restart(List<String> extra) {
        stop();
        List<String> merged = new ArrayList<>(arguments);
        for (String argument : extra) {
            String key = argument.contains("=") ? argument.substring(0, argument.indexOf('=') + 1) : argument;
            merged.removeIf(existing -> existing.startsWith(key));
            merged.add(argument);
        }
        process = spawn(merged);
        awaitReady();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        process = spawn(arguments);
        awaitReady();
    }

    private Process spawn(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-Dchat.parent-pid=" + ProcessHandle.current().pid(), "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    private void await(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
