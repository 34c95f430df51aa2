package io.chatbackend.tools.load.common.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SystemProcessesTest {

    @TempDir
    Path data;

    @Test
    void findsTheRunsProcessesFromItsGatewayPortAndLeavesAnotherRunAlone() throws Exception {
        Path infra = data.resolve("infra");
        Files.createDirectories(infra.resolve("postgres/data"));
        Files.writeString(infra.resolve("postgres/data/postmaster.pid"), "500\n/data\n1700000000\n5432\n");
        Map<Long, ProcessEntry> processes = new TreeMap<>();
        add(processes, 100, 1, "java", "-cp", "x", "io.chatbackend.platform.localrun.LocalRun");
        add(processes, 110, 100, "java", "-Dchat.parent-pid=100", "-jar", "/r/api-gateway/target/api-gateway-exec.jar",
                "--server.port=18090");
        add(processes, 111, 100, "java", "-Dchat.parent-pid=100", "-jar",
                "/r/message-domain/target/message-domain-exec.jar", "--server.port=40001");
        add(processes, 120, 100, "java", "-cp", "x", SystemProcesses.INFRA_LAUNCHER, "--data-dir", infra.toString(),
                "--endpoints", data.resolve("endpoints.properties").toString(), "--watch-pid", "100");
        add(processes, 121, 120, "java", "-cp", "x", SystemProcesses.WATCHDOG, "120", "kafka.Kafka", "k.properties");
        add(processes, 122, 120, "java", "-cp", "x", SystemProcesses.WATCHDOG, "120",
                "org.apache.cassandra.service.CassandraDaemon");
        add(processes, 500, 1, "/tmp/pg/bin/postgres", "-D", "/data");
        add(processes, 501, 500, "postgres: checkpointer");
        // another run (a build's test stack) on the same machine
        add(processes, 200, 1, "java", "io.chatbackend.platform.localrun.LocalRun");
        add(processes, 210, 200, "java", "-Dchat.parent-pid=200", "-jar", "/r/uaa/target/uaa-exec.jar",
                "--server.port=8080");
        add(processes, 221, 220, "java", SystemProcesses.WATCHDOG, "220", "kafka.Kafka");
        add(processes, ProcessHandle.current().pid(), 1, "java", "bench");

        SystemProcesses found = SystemProcesses.discover(new ProcessTable(processes), 18090, null);

        assertThat(found.processes()).containsExactly(
                new WatchedProcess("api-gateway", 110), new WatchedProcess("message-domain", 111),
                new WatchedProcess("kafka", 121), new WatchedProcess("cassandra", 122),
                new WatchedProcess("postgresql", 500),
                new WatchedProcess("driver (this)", ProcessHandle.current().pid()));
        assertThat(found.missing()).isEmpty();
        assertThat(found.endpointsFile()).isEqualTo(data.resolve("endpoints.properties"));
        assertThat(new ProcessTable(processes).tree(500)).containsExactly(500L, 501L);
    }

    @Test
    void saysWhatItCouldNotFind() {
        SystemProcesses found = SystemProcesses.discover(new ProcessTable(Map.of()), 18090, null);
        assertThat(found.processes()).extracting(WatchedProcess::name).containsExactly("driver (this)");
        assertThat(found.missing()).hasSize(3);
    }

    private static void add(Map<Long, ProcessEntry> processes, long pid, long ppid, String... arguments) {
        processes.put(pid, new ProcessEntry(pid, ppid, List.of(arguments)));
    }
}
