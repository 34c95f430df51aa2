package io.chatbackend.tools.load.send;

import java.nio.file.Path;

/**
 * One benchmark run, as asked on the command line.
 *
 * @param rate           sends offered per second (open loop); 0 for the closed loop
 * @param senders        closed-loop senders (ignored in the open loop)
 * @param lagSample      share of acknowledged sends followed until visible in the history
 * @param dataDir        the local run's data folder, or null to find it from the running processes
 * @param ceilingSeconds seconds per connection count of the commit-ceiling measurement (0 skips it)
 */
public record BenchSettings(String gateway, String admin, String adminPassword, Scenario scenario, double rate,
                            int senders, int seconds, int warmup, int dialogs, int groupSize, int groupSenders,
                            double lagSample, int pollMillis, int maxInFlight, Path dataDir, int ceilingSeconds,
                            Path report) {

    public boolean openLoop() {
        return rate > 0;
    }

    /** The read-back scenario follows every send; the others a sample. */
    public double lagShare() {
        return scenario == Scenario.READBACK ? 1.0 : lagSample;
    }

    public int gatewayPort() {
        java.net.URI uri = java.net.URI.create(gateway);
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }

    public String describe() {
        String load = openLoop() ? String.format("open loop, %.0f sends/s offered", rate)
                : "closed loop, " + senders + " senders";
        String shape = switch (scenario) {
            case DIRECT -> "direct: 1:1 sends over " + dialogs + " dialogs";
            case READBACK -> "readback: 1:1 sends over " + dialogs + " dialogs, each read back from the history";
            case GROUP -> "group: one " + groupSize + "-member group, " + groupSenders + " senders";
        };
        return String.format("%s; %s; %d s measured after %d s warmup; gateway %s", shape, load, seconds, warmup,
                gateway);
    }
}
