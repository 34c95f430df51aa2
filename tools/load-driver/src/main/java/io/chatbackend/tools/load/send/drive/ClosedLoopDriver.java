package io.chatbackend.tools.load.send.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop, for finding the saturation point: {@code senders} threads, each sending its next message as soon as
 * the previous one is answered. Throughput is whatever the system allows; latency counts from each send's start.
 * Sender {@code k} takes sends {@code k, k + senders, …}, so with as many targets it keeps to its own dialogs.
 */
public final class ClosedLoopDriver {

    private final SendIssuer issuer;
    private final int senders;
    private final AtomicLong issued = new AtomicLong();

    public ClosedLoopDriver(SendIssuer issuer, int senders) {
        this.issuer = issuer;
        this.senders = senders;
    }

    public void run(long endNanos) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < senders; k++) {
            int sender = k;
            Thread thread = new Thread(() -> {
                for (long index = sender; System.nanoTime() < endNanos; index += senders) {
                    issuer.issue(index, System.nanoTime()).join();
                    issued.incrementAndGet();
                }
            }, "sender-" + k);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    public long issued() {
        return issued.get();
    }
}
