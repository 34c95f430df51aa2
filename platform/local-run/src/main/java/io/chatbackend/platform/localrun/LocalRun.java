package io.chatbackend.platform.localrun;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.infra.InfraException;
import io.chatbackend.platform.infra.InfraLauncher;
import io.chatbackend.platform.infra.Ports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the embedded infrastructure and every given service, each in its own JVM, waits until each reports
 * ready, prints the gateway's address, and stops everything on Ctrl-C. A service named by {@code --without} is left to
 * the developer: it keeps its port, and what it needs to join from an IDE is written and printed ({@link IdeHandoff}). Every child watches this process and
 * exits on its own if it dies, even by {@code kill -9}.
 *
 * <pre>
 * LocalRun [--data-dir DIR] [--port N] [--fresh] [--without name]... --gateway name=app.jar --service name=app.jar ...
 * </pre>
 */
public final class LocalRun {

    private static final Duration INFRA_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(4);

    private final Path dataDir;
    private final Path logDir;
    private final int gatewayPort;
    private final List<ServiceSpec> services;
    private final List<String> without;
    private final List<Process> children = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile Process infra;

    private LocalRun(Path dataDir, int gatewayPort, List<ServiceSpec> services, List<String> without) {
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.gatewayPort = gatewayPort;
        this.services = services;
        this.without = without;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(".chat-data");
        int port = 8080;
        boolean fresh = false;
        List<ServiceSpec> services = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--without" -> without.add(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = true;
                case "--service" -> services.add(ServiceSpec.parse(args[++i], false));
                case "--gateway" -> services.add(ServiceSpec.parse(args[++i], true));
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (services.stream().noneMatch(ServiceSpec::gateway)) {
            fail("no --gateway given");
        }
        for (String name : without) {
            if (services.stream().noneMatch(service -> service.name().equals(name) && !service.gateway())) {
                fail("--without " + name + ": no such service (one of " + String.join(", ", services.stream()
                        .filter(service -> !service.gateway()).map(ServiceSpec::name).toList()) + ")");
            }
        }
        for (ServiceSpec service : services) {
            if (!Files.isRegularFile(service.jar())) {
                fail(service.name() + ": " + service.jar() + " does not exist; build first (./mvnw -DskipTests package)");
            }
        }
        dataDir = dataDir.toAbsolutePath();
        if (fresh) {
            say("--fresh: deleting " + dataDir);
            deleteRecursively(dataDir);
        }
        try {
            Ports.requireFree(port, "the gateway (choose another with --port N)");
        } catch (InfraException e) {
            fail(e.getMessage());
        }
        new LocalRun(dataDir, port, services, without).run();
    }

    private void run() throws Exception {
        Files.createDirectories(logDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "local-run-shutdown"));

        say("data in " + dataDir + ", logs in " + logDir);
        Endpoints endpoints = startInfrastructure();
        // one database user per context, owning its schema only (the superuser stays with the launcher)
        SystemSecrets secrets = new SystemSecrets(dataDir.resolve("secrets"), new SystemSecrets.Database(
                service -> endpoints.postgresJdbcUrl(), endpoints.postgresUsername(), endpoints.postgresPassword(), ""));
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec service : services) {
            ports.put(service, service.gateway() ? gatewayPort : Ports.freePort());
        }
        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        List<String> handoff = new ArrayList<>();
        for (ServiceSpec service : services) {
            if (without.contains(service.name())) {
                handoff.addAll(IdeHandoff.write(dataDir, service, ServiceArguments.of(service, ports, endpoints,
                        gatewayPort), secrets.environmentOf(service.name())));
                continue;
            }
            Process process = startService(service, ports, endpoints, secrets);
            readiness.add(CompletableFuture.runAsync(() -> awaitReady(service, ports.get(service), process)));
        }
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            System.err.println("[run] FAILED: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
        }
        say(String.format("everything is ready after %.1f s", (System.nanoTime() - started) / 1e9));
        handoff.forEach(LocalRun::say);
        System.out.println("Gateway: http://127.0.0.1:" + gatewayPort);
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private Endpoints startInfrastructure() throws IOException, InterruptedException {
        Path endpointsFile = dataDir.resolve("endpoints.properties");
        Files.deleteIfExists(endpointsFile);
        say("starting embedded PostgreSQL, Kafka and Cassandra");
        List<String> command = List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), InfraLauncher.class.getName(),
                "--data-dir", dataDir.resolve("infra").toString(), "--log-dir", logDir.toString(),
                "--endpoints", endpointsFile.toString(), "--mode", "durable",
                "--watch-pid", Long.toString(ProcessHandle.current().pid()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        infra = launcher;
        echoInfraOutput(launcher);
        long deadline = System.nanoTime() + INFRA_TIMEOUT.toNanos();
        while (!Files.exists(endpointsFile)) {
            if (!launcher.isAlive()) {
                fail("the embedded infrastructure did not start (see above and " + logDir.resolve("infra.log") + ")");
            }
            if (System.nanoTime() > deadline) {
                fail("the embedded infrastructure did not start within " + INFRA_TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(200);
        }
        return Endpoints.readFrom(endpointsFile);
    }

    /** Shows the launcher's own progress lines; everything else it prints goes to its log only. */
    private void echoInfraOutput(Process launcher) throws IOException {
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logDir.resolve("infra.log")), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.println(line);
                    if (line.startsWith("[infra]")) {
                        System.out.println(line);
                    }
                }
            } catch (IOException ignored) {
                // the launcher ended
            }
        }, "infra-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * The JVM flags of ADR 0019, chosen by measurement: small heaps and the serial collector for every service. The
     * services on the send path compile fully (C2): once warm they sustained 1.1 to 1.6 times the sends of the first
     * tier alone on this box (197-276 against 171-177 per second), at the price of minutes of compiling under load
     * and, below saturation, a longer tail than the first tier gave. The notification node keeps the
     * first tier (its large group's first messages were slower while C2 compiled) and holds every WebSocket session
     * (about 20 KiB of heap each): with 384 MB it died of {@code OutOfMemoryError} at 18,571 idle sessions, so it gets
     * 1 GB, enough for the 19,000 a process's descriptors allow plus its recent messages.
     */
    static String defaultJavaOpts(String service) {
        if ("notification".equals(service)) {
            return "-Xms128m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";
        }
        return "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
    }

    /**
     * A service's JVM flags: {@code CHAT_<SERVICE>_JAVA_OPTS} (e.g. {@code CHAT_NOTIFICATION_JAVA_OPTS},
     * {@code CHAT_API_GATEWAY_JAVA_OPTS}) for that service alone, else {@code CHAT_SERVICE_JAVA_OPTS} for every
     * service, else {@link #defaultJavaOpts}.
     */
    static String javaOpts(String service, Map<String, String> environment) {
        String own = environment.get("CHAT_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                + "_JAVA_OPTS");
        if (own != null && !own.isBlank()) {
            return own;
        }
        return environment.getOrDefault("CHAT_SERVICE_JAVA_OPTS", defaultJavaOpts(service));
    }

    private Process startService(ServiceSpec service, Map<ServiceSpec, Integer> ports, Endpoints endpoints,
                                 SystemSecrets secrets) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        String javaOpts = javaOpts(service.name(), System.getenv());
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.add("-Dchat.parent-pid=" + ProcessHandle.current().pid());
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-jar");
        command.add(service.jar().toString());
        command.addAll(ServiceArguments.of(service, ports, endpoints, gatewayPort));
        say(service.name() + " starting on port " + ports.get(service));
        ProcessBuilder builder = new ProcessBuilder(command);
        // secrets travel in the environment, which only the same user can read, never on the command line
        builder.environment().putAll(secrets.environmentOf(service.name()));
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logDir.resolve(service.name() + ".log").toFile()))
                .start();
        synchronized (children) {
            children.add(process);
        }
        return process;
    }

    private void awaitReady(ServiceSpec service, int port, Process process) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
        long begin = System.nanoTime();
        long deadline = begin + SERVICE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with code " + process.exitValue()
                        + "; see " + logDir.resolve(service.name() + ".log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say(String.format("%s ready (%.1f s)", service.name(), (System.nanoTime() - begin) / 1e9));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + SERVICE_TIMEOUT.toMinutes()
                + " min; see " + logDir.resolve(service.name() + ".log"));
    }

    private void stopAll() {
        say("stopping");
        List<Process> running;
        synchronized (children) {
            running = new ArrayList<>(children);
        }
        running.forEach(Process::destroy);
        for (Process process : running) {
            awaitExit(process, 30);
        }
        Process launcher = infra;
        if (launcher != null) {
            launcher.destroy();
            awaitExit(launcher, 60);
        }
        say("stopped");
    }

    private static void awaitExit(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println("[run] " + line);
    }

    private static void fail(String message) {
        System.err.println("[run] " + message);
        System.exit(1);
    }
}
