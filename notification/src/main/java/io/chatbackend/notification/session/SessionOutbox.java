package io.chatbackend.notification.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's bounded queue of server frames waiting to be written, and the session's frame counter.
 *
 * <p>Every frame gets the next {@code sessionSeq} when it is produced ({@link #offer}), whether or not it fits:
 * a frame that finds the queue full is dropped, so the client sees a hole in the numbers (G6). The dropped range
 * is remembered and, as soon as there is room again (the writer took a frame, or a new frame is offered to a queue
 * with room), a {@code gap} frame naming it is queued with its own, later number. The producer is never blocked:
 * live deliveries come from a Kafka consumer shared by every session of the node.
 *
 * <p>Catching up from history is different: it must not lose frames to its own speed, so it uses
 * {@link #tryOffer} (which refuses instead of dropping, and consumes no number) and waits for room with
 * {@link #whenRoom}.
 *
 * <p>Thread-safe. Callbacks ({@code onFrame}, room waiters, {@code onOverflow}) run outside the lock.
 */
public final class SessionOutbox {

    private final int capacity;
    private final ArrayDeque<ServerFrame> queue = new ArrayDeque<>();
    private final Runnable onOverflow;
    private List<Runnable> roomWaiters;
    private volatile Runnable onFrame = () -> {
    };
    private long lastSeq;
    /** The dropped range not yet reported by a gap frame; 0 = none. */
    private long gapFrom;
    private long gapTo;
    private boolean closed;

    /**
     * @param capacity   frames that may wait at most
     * @param onOverflow told once per dropped frame (a metric)
     */
    public SessionOutbox(int capacity, Runnable onOverflow) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    /** Who to tell that a frame is waiting (the writer). */
    public void onFrame(Runnable listener) {
        this.onFrame = listener;
    }

    /**
     * Produces a frame: numbers it and queues it, or drops it if the queue is full (the number is spent either
     * way).
     *
     * @return true if queued, false if dropped
     */
    public boolean offer(FrameBody body) {
        boolean queued;
        synchronized (this) {
            if (closed) {
                return false;
            }
            reportGapIfRoom();
            long seq = ++lastSeq;
            if (queue.size() < capacity) {
                queue.addLast(new ServerFrame(seq, body));
                queued = true;
            } else {
                if (gapFrom == 0) {
                    gapFrom = seq;
                }
                gapTo = seq;
                queued = false;
            }
        }
        if (queued) {
            onFrame.run();
        } else {
            onOverflow.run();
        }
        return queued;
    }

    /**
     * Queues the frame only if it fits without dropping anything; otherwise changes nothing (no number is spent).
     *
     * @return true if queued
     */
    public boolean tryOffer(FrameBody body) {
        synchronized (this) {
            if (closed) {
                return true; // nobody will ever read it: let the caller move on
            }
            reportGapIfRoom();
            if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(new ServerFrame(++lastSeq, body));
        }
        onFrame.run();
        return true;
    }

    /** The oldest waiting frame, or null. Taking one makes room: a pending gap is queued, room waiters are told. */
    public ServerFrame poll() {
        ServerFrame frame;
        List<Runnable> waiters = null;
        synchronized (this) {
            frame = queue.pollFirst();
            if (frame == null) {
                return null;
            }
            reportGapIfRoom();
            if (queue.size() < capacity && roomWaiters != null) {
                waiters = roomWaiters;
                roomWaiters = null;
            }
        }
        if (waiters != null) {
            // every waiter tries again; those that find no room register again
            waiters.forEach(Runnable::run);
        }
        return frame;
    }

    /**
     * Runs {@code waiter} once there is room: at once (in this thread) if there is room now, else after the writer
     * took a frame. A closed outbox runs it at once (the catch-up then finds nothing to do).
     */
    public void whenRoom(Runnable waiter) {
        synchronized (this) {
            if (!closed && queue.size() >= capacity) {
                if (roomWaiters == null) {
                    roomWaiters = new ArrayList<>(2);
                }
                roomWaiters.add(waiter);
                return;
            }
        }
        waiter.run();
    }

    /** Drops everything; later offers are ignored. Waiters are released. */
    public void close() {
        List<Runnable> waiters;
        synchronized (this) {
            closed = true;
            queue.clear();
            waiters = roomWaiters;
            roomWaiters = null;
        }
        if (waiters != null) {
            waiters.forEach(Runnable::run);
        }
    }

    public synchronized int size() {
        return queue.size();
    }

    /** The last sessionSeq handed out. */
    public synchronized long lastSessionSeq() {
        return lastSeq;
    }

    public int capacity() {
        return capacity;
    }

    private void reportGapIfRoom() {
        if (gapFrom != 0 && queue.size() < capacity) {
            queue.addLast(new ServerFrame(++lastSeq, new FrameBody.Gap(gapFrom, gapTo)));
            gapFrom = 0;
            gapTo = 0;
        }
    }
}
