package io.chatbackend.platform.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses loopback ports below the kernel's ephemeral range (32768+), where an outgoing connection can
 * never take them between our check and the server's bind.
 */
public final class Ports {

    private static final int LOW = 20000;
    private static final int HIGH = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!HANDED_OUT.contains(candidate) && isFree(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new InfraException("no free loopback port found between " + LOW + " and " + HIGH);
    }

    /** Returns {@code preferred} if it is free, else a new free port. */
    public static int reuseOrFree(int preferred) {
        if (preferred > 0 && isFree(preferred) && HANDED_OUT.add(preferred)) {
            return preferred;
        }
        return freePort();
    }

    public static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new InfraException("port " + port + " for " + what + " is already taken on 127.0.0.1; "
                    + "stop whatever holds it (ss -ltnp 'sport = :" + port + "') or choose another port");
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers bind: TIME_WAIT leftovers do not count as taken
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until something accepts connections on the port, or the process died, or the time is up. */
    public static void awaitListening(int port, Process process, Duration timeout, String what, java.nio.file.Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new InfraException(what + " exited with code " + process.exitValue()
                        + " before it listened on port " + port + "; see " + log);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("interrupted while waiting for " + what);
            }
        }
        throw new InfraException(what + " did not listen on port " + port + " within " + timeout.toSeconds()
                + " s; see " + log);
    }
}
