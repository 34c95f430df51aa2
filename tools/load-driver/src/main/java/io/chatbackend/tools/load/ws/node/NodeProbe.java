package io.chatbackend.tools.load.ws.node;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.proc.CpuMeter;
import io.chatbackend.tools.load.common.proc.Machine;
import io.chatbackend.tools.load.common.proc.ProcessTable;
import io.chatbackend.tools.load.common.proc.SystemProcesses;
import io.chatbackend.tools.load.common.proc.WatchedProcess;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the benchmark reads at the notification node (and the gateway, which carries every socket in the local run):
 * heap in use after a full GC ({@code jcmd <pid> GC.run}, then the node's {@code jvm.memory.used} metric, or
 * {@code jcmd GC.heap_info} when the metric cannot be read), CPU over a window from {@code /proc/<pid>/stat}, and the
 * node's own count of live sessions. The processes are found from the gateway port as {@code bench-send} finds them.
 */
public final class NodeProbe {

    private final GatewayClient gateway;
    private final Supplier<String> adminToken;
    private final long nodePid;
    private final String metricsUrl;
    private final List<WatchedProcess> watched;

    private NodeProbe(GatewayClient gateway, Supplier<String> adminToken, long nodePid, String metricsUrl,
                      List<WatchedProcess> watched) {
        this.gateway = gateway;
        this.adminToken = adminToken;
        this.nodePid = nodePid;
        this.metricsUrl = metricsUrl;
        this.watched = List.copyOf(watched);
    }

    /**
     * @param nodePid the node's pid if given on the command line (0: find it)
     * @param nodeUrl the node's base URL if given (null: 127.0.0.1 and its {@code --server.port})
     */
    public static NodeProbe find(GatewayClient gateway, Supplier<String> adminToken, int gatewayPort, Path dataDir,
                                 long nodePid, String nodeUrl) {
        ProcessTable table = ProcessTable.read(Path.of("/proc"));
        List<WatchedProcess> found = SystemProcesses.discover(table, gatewayPort, dataDir).processes();
        long pid = nodePid > 0 ? nodePid : found.stream().filter(p -> p.name().equals("notification"))
                .mapToLong(WatchedProcess::pid).findFirst().orElse(0);
        String url = nodeUrl != null ? nodeUrl.replaceAll("/+$", "") : table.get(pid)
                .map(p -> p.valueOf("--server.port=")).map(port -> "http://127.0.0.1:" + port).orElse(null);
        List<WatchedProcess> watched = new ArrayList<>();
        if (pid > 0) {
            watched.add(new WatchedProcess("notification", pid));
        }
        found.stream().filter(p -> p.name().equals("api-gateway")).forEach(watched::add);
        return new NodeProbe(gateway, adminToken, pid, url, watched);
    }

    /** The node's own WebSocket URL (its port on 127.0.0.1), or null when its port is not known. */
    public String socketUrl() {
        return metricsUrl == null ? null : metricsUrl.replaceFirst("^http", "ws") + "/ws";
    }

    public String describe() {
        return (nodePid > 0 ? "notification node pid " + nodePid : "notification node NOT FOUND (no heap or CPU "
                + "figures; --node-pid names it)") + (metricsUrl == null ? "" : ", metrics at " + metricsUrl)
                + "; CPU watched: " + String.join(", ", watched.stream().map(p -> p.name() + " " + p.pid()).toList());
    }

    public boolean found() {
        return nodePid > 0;
    }

    /** The node's heap in use right after a full GC, in bytes; empty when neither the metric nor jcmd answers. */
    public OptionalLong heapAfterFullGc() throws InterruptedException {
        if (nodePid <= 0) {
            return OptionalLong.empty();
        }
        jcmd("GC.run");
        Thread.sleep(1_000);
        double metric = metric("jvm.memory.used", "?tag=area:heap");
        if (!Double.isNaN(metric)) {
            return OptionalLong.of((long) metric);
        }
        return HeapInfo.usedBytes(jcmd("GC.heap_info"));
    }

    /** The node's own count of its live sessions (NaN when its metrics cannot be read). */
    public double liveSessions() {
        return metric("notification.sessions.live", "");
    }

    /** CPU seconds each watched process used during the next {@code window}, by name. */
    public Map<String, Double> cpuSecondsDuring(Duration window) throws InterruptedException {
        CpuMeter meter = new CpuMeter(Path.of("/proc"), watched, Machine.clockTicksPerSecond());
        Map<String, Long> before = meter.sample();
        Thread.sleep(window.toMillis());
        Map<String, Double> seconds = new LinkedHashMap<>();
        meter.between(before, meter.sample(), 0, window.toSeconds())
                .forEach(use -> seconds.put(use.name(), use.cpuSeconds()));
        return seconds;
    }

    private double metric(String name, String query) {
        if (metricsUrl == null) {
            return Double.NaN;
        }
        try {
            HttpResponse<String> response = gateway.http().send(HttpRequest.newBuilder(URI.create(metricsUrl
                            + "/actuator/metrics/" + name + query)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + adminToken.get()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            return GatewayClient.json(response.body()).path("measurements").path(0).path("value").asDouble(Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private String jcmd(String command) throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(nodePid), command).redirectErrorStream(true)
                    .start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(120, TimeUnit.SECONDS);
            return output;
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
