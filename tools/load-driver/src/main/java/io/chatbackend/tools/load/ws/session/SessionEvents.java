package io.chatbackend.tools.load.ws.session;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all sessions of the run saw, counted (frames, gaps, holes in sessionSeq, closes by the server), and the
 * phase's listener of message frames (a phase times its sends' deliveries through it). Thread-safe.
 */
public final class SessionEvents {

    /** Told of every message frame of a client's current connection. */
    public interface MessageListener {
        /** @param firstCopy whether the client did not hold the message before (not a re-fetch after a resume) */
        void message(Client client, FrameFields frame, boolean firstCopy, long arrivedNanos);
    }

    private final AtomicLong messageFrames = new AtomicLong();
    private final AtomicLong gapFrames = new AtomicLong();
    private final AtomicLong sessionSeqHoles = new AtomicLong();
    private final AtomicLong staleFrames = new AtomicLong();
    private final AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());
    private final Map<Integer, Long> serverCloses = new TreeMap<>();
    private volatile MessageListener listener = (client, frame, first, at) -> { };

    public void listen(MessageListener listener) {
        this.listener = listener;
    }

    public void stopListening() {
        listen((client, frame, first, at) -> { });
    }

    void message(Client client, FrameFields frame, boolean firstCopy, long nanos) {
        messageFrames.incrementAndGet();
        listener.message(client, frame, firstCopy, nanos);
    }

    void frame(long nanos) {
        lastFrameNanos.set(nanos);
    }

    void gap() {
        gapFrames.incrementAndGet();
    }

    void sessionSeqHole(long dropped) {
        sessionSeqHoles.addAndGet(dropped);
    }

    void stale() {
        staleFrames.incrementAndGet();
    }

    void closedByServer(int status) {
        synchronized (serverCloses) {
            serverCloses.merge(status, 1L, Long::sum);
        }
    }

    public long messageFrames() {
        return messageFrames.get();
    }

    /** When the latest frame of any session arrived: a wait's measure of progress. */
    public long lastFrameNanos() {
        return lastFrameNanos.get();
    }

    /** One line: frames, gaps, dropped frames and server closes so far. */
    public String describe() {
        Map<Integer, Long> closes;
        synchronized (serverCloses) {
            closes = Map.copyOf(new TreeMap<>(serverCloses));
        }
        return String.format("message frames %,d; gap frames %,d; frames dropped by the node (sessionSeq holes) "
                        + "%,d; frames after the client closed (ignored) %,d; sessions closed by the server %s",
                messageFrames.get(), gapFrames.get(), sessionSeqHoles.get(), staleFrames.get(),
                closes.isEmpty() ? "none" : new TreeMap<>(closes) + " (by status)");
    }
}
