package io.chatbackend.tools.load.common.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the processes of one local run from its gateway port, the way {@code run-local} starts them: every service
 * is {@code java … -Dchat.parent-pid=<run> -jar <name>-exec.jar --server.port=N}; the infrastructure launcher
 * ({@code InfraLauncher --data-dir … --endpoints … --watch-pid <run>}) starts Kafka and Cassandra as
 * {@code ParentWatchdogMain <launcher> kafka.Kafka|…CassandraDaemon}; PostgreSQL's postmaster writes its pid to
 * {@code <infra>/postgres/data/postmaster.pid}. Another run on the same machine (a build's test servers) has
 * other parent pids, so it is never mixed in.
 *
 * @param processes    the processes found, each named
 * @param missing      what was looked for and not found
 * @param endpointsFile where the launcher wrote the servers' addresses and the database superuser (null if unknown)
 */
public record SystemProcesses(List<WatchedProcess> processes, List<String> missing, Path endpointsFile) {

    static final String INFRA_LAUNCHER = "io.chatbackend.platform.infra.InfraLauncher";
    static final String WATCHDOG = "io.chatbackend.platform.infra.ParentWatchdogMain";

    /**
     * @param gatewayPort the run's gateway port
     * @param dataDir     the run's data folder ({@code run-local --data-dir}); null to take it from the launcher
     */
    public static SystemProcesses discover(ProcessTable table, int gatewayPort, Path dataDir) {
        List<WatchedProcess> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Optional<ProcessEntry> gateway = table.matching(p -> p.hasArgument("-jar")
                && p.hasArgument("--server.port=" + gatewayPort)).stream().findFirst();
        String runPid = gateway.map(g -> g.valueOf("-Dchat.parent-pid=")).orElse(null);
        if (runPid == null) {
            missing.add("the services (no java -jar … --server.port=" + gatewayPort + " with -Dchat.parent-pid)");
        } else {
            table.matching(p -> p.hasArgument("-jar") && p.hasArgument("-Dchat.parent-pid=" + runPid)).stream()
                    .map(service -> new WatchedProcess(serviceName(service), service.pid()))
                    .sorted(java.util.Comparator.comparing(WatchedProcess::name)).forEach(found::add);
        }
        Path endpoints = dataDir == null ? null : dataDir.resolve("endpoints.properties");
        Path infraDir = dataDir == null ? null : dataDir.resolve("infra");
        Optional<ProcessEntry> launcher = endpoints != null
                ? launcherPid(endpoints).flatMap(table::get)
                : table.matching(p -> p.hasArgument(INFRA_LAUNCHER) && runPid != null
                && runPid.equals(p.valueAfter("--watch-pid"))).stream().findFirst();
        if (launcher.isEmpty()) {
            missing.add("the infrastructure launcher (Kafka, Cassandra)");
        } else {
            if (endpoints == null) {
                endpoints = Optional.ofNullable(launcher.get().valueAfter("--endpoints")).map(Path::of).orElse(null);
                infraDir = Optional.ofNullable(launcher.get().valueAfter("--data-dir")).map(Path::of).orElse(null);
            }
            String launcherPid = Long.toString(launcher.get().pid());
            addChild(table, found, missing, "kafka", List.of(WATCHDOG, launcherPid, "kafka.Kafka"));
            addChild(table, found, missing, "cassandra",
                    List.of(WATCHDOG, launcherPid, "org.apache.cassandra.service.CassandraDaemon"));
        }
        Optional<Long> postmaster = infraDir == null ? Optional.empty()
                : postmasterPid(infraDir.resolve("postgres").resolve("data").resolve("postmaster.pid"));
        postmaster.filter(pid -> table.get(pid).isPresent()).ifPresentOrElse(
                pid -> found.add(new WatchedProcess("postgresql", pid)),
                () -> missing.add("PostgreSQL (no live postmaster.pid under the infrastructure's data folder)"));
        found.add(new WatchedProcess("driver (this)", ProcessHandle.current().pid()));
        return new SystemProcesses(List.copyOf(found), List.copyOf(missing), endpoints);
    }

    /** {@code …/message-domain-exec.jar} → {@code message-domain}. */
    static String serviceName(ProcessEntry service) {
        String jar = Path.of(service.valueAfter("-jar")).getFileName().toString();
        return jar.replaceFirst("(-exec)?\\.jar$", "");
    }

    private static void addChild(ProcessTable table, List<WatchedProcess> found, List<String> missing, String name,
                                 List<String> sequence) {
        table.matching(p -> p.hasSequence(sequence)).stream().findFirst().ifPresentOrElse(
                p -> found.add(new WatchedProcess(name, p.pid())), () -> missing.add(name));
    }

    /** The first line of {@code postmaster.pid} is the postmaster's process id. */
    static Optional<Long> postmasterPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> launcherPid(Path endpointsFile) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(endpointsFile)) {
            properties.load(reader);
            return Optional.of(Long.parseLong(properties.getProperty("launcher.pid")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
