package io.chatbackend.tools.load.send;

import io.chatbackend.tools.load.common.proc.CpuMeter;
import io.chatbackend.tools.load.send.drive.MeasuredWindow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Samples the processes' CPU exactly at the start and at the end of the measured window, on its own thread. */
final class CpuWindow {

    private final CpuMeter meter;
    private final MeasuredWindow window;
    private final Thread sampler;
    private volatile Map<String, Long> atStart = Map.of();
    private volatile Map<String, Long> atEnd = Map.of();

    CpuWindow(CpuMeter meter, MeasuredWindow window) {
        this.meter = meter;
        this.window = window;
        this.sampler = new Thread(this::sample, "cpu-window");
        sampler.setDaemon(true);
    }

    void start() {
        sampler.start();
    }

    private void sample() {
        parkUntil(window.startNanos());
        atStart = meter.sample();
        parkUntil(window.endNanos());
        atEnd = meter.sample();
    }

    List<CpuMeter.CpuUse> use(long acknowledgedSends) throws InterruptedException {
        sampler.join();
        return meter.between(atStart, atEnd, acknowledgedSends, window.seconds());
    }

    private static void parkUntil(long nanos) {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
