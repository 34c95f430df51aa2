package io.chatbackend.notification.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The recent messages of the dialogs this node delivers, so that a storm of resumes of recent history (10,000
 * sessions of a group each missing its last 100 messages) is answered here instead of by dialog-domain one session
 * at a time. Fed by the node's live deliveries and by the history pages catch-ups fetch; bounded in bytes (least
 * recently used dialogs go first) and per dialog (the oldest messages go first); emptied when dialog-domain's read
 * model answers with a new epoch (it was rebuilt).
 *
 * <p>It answers only what it holds <em>completely</em>: the messages after a dialogSeq, without a hole, at least up to
 * the newest one the node got <em>live</em> for the dialog; else nothing (the caller asks dialog-domain). A message
 * newer than that has not reached this node yet, so it reaches a session registered meanwhile as a live delivery
 * (the node owns the partition of every user whose session it holds). History pages only fill gaps: they never say
 * what is newest (a node that just started got nothing live, and history may go on beyond its last page). It knows
 * nothing of membership: callers ask only for dialogs the user is a member of now, from a floor at or above their
 * join, and never for a repair (a member who left may still hold a hole).
 * Thread-safe.
 */
public final class RecentMessages {

    /** A rough size of a message frame held here besides its text. */
    private static final int OVERHEAD_BYTES = 240;

    private final long maxBytes;
    private final int maxPerDialog;
    private final LongSupplier epoch;
    // guarded by this; in access order: the least recently used dialog first
    private final LinkedHashMap<UUID, Tail> tails = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long epochSeen;
    private long answered;
    private long declined;

    /**
     * @param maxBytes     what all dialogs' messages may take, roughly
     * @param maxPerDialog messages kept per dialog at most
     * @param epoch        the read model's current epoch (everything held is dropped when it changes)
     */
    public RecentMessages(long maxBytes, int maxPerDialog, LongSupplier epoch) {
        this.maxBytes = maxBytes;
        this.maxPerDialog = maxPerDialog;
        this.epoch = epoch;
        this.epochSeen = epoch.getAsLong();
    }

    /** A message this node delivers live: the newest of its dialog that reached the node so far, or older. */
    public synchronized void delivered(FrameBody.Message message) {
        Tail tail = put(message);
        tail.liveTop = Math.max(tail.liveTop, message.dialogSeq());
    }

    /** A message a history page showed (it fills gaps; it says nothing of what is newest). */
    public synchronized void fetched(FrameBody.Message message) {
        put(message);
    }

    /**
     * The messages of the dialog after {@code afterSeq}, at most {@code limit}, if this node holds every one of them
     * up to the newest it got live (anything newer reaches a live session as a delivery); else null.
     * {@code hasMore} of the answer: more are held beyond the limit.
     */
    public synchronized Page after(UUID dialog, long afterSeq, int limit) {
        checkEpoch();
        Tail tail = tails.get(dialog);
        if (tail == null || tail.liveTop == 0) {
            declined++;
            return null; // nothing live yet (e.g. after a restart): the newest known here may not be the newest
        }
        List<FrameBody.Message> page = new ArrayList<>(Math.min(limit, 64));
        long expected = afterSeq + 1;
        for (FrameBody.Message message : tail.messages.tailMap(afterSeq, false).values()) {
            if (message.dialogSeq() != expected) {
                break; // the run ends at a hole
            }
            if (page.size() == limit) {
                answered++;
                return new Page(page, true);
            }
            page.add(message);
            expected++;
        }
        if (expected <= tail.liveTop) {
            declined++;
            return null; // a hole before the newest delivered: history knows better
        }
        answered++;
        return new Page(page, false);
    }

    private Tail put(FrameBody.Message message) {
        checkEpoch();
        Tail tail = tails.computeIfAbsent(message.dialogId(), d -> new Tail());
        if (tail.messages.putIfAbsent(message.dialogSeq(), message) == null) {
            bytes += size(message);
            while (tail.messages.size() > maxPerDialog) {
                bytes -= size(tail.messages.pollFirstEntry().getValue());
            }
        }
        evict();
        return tail;
    }

    /** Catch-up pages answered here so far. */
    public synchronized long answered() {
        return answered;
    }

    /** Catch-up pages left to dialog-domain so far (not held completely). */
    public synchronized long declined() {
        return declined;
    }

    /** Messages held (for tests and diagnostics). */
    public synchronized int size() {
        return tails.values().stream().mapToInt(tail -> tail.messages.size()).sum();
    }

    private void checkEpoch() {
        long now = epoch.getAsLong();
        if (now != epochSeen) {
            tails.clear();
            bytes = 0;
            epochSeen = now;
        }
    }

    private void evict() {
        Iterator<Map.Entry<UUID, Tail>> oldest = tails.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Tail tail = oldest.next().getValue();
            tail.messages.values().forEach(message -> bytes -= size(message));
            oldest.remove();
        }
    }

    private static long size(FrameBody.Message message) {
        return OVERHEAD_BYTES + (message.body() == null || message.body().text() == null ? 0
                : 2L * message.body().text().length());
    }

    /** Messages of one dialog, contiguous from {@code afterSeq + 1}; {@code hasMore}: more follow. */
    public record Page(List<FrameBody.Message> messages, boolean hasMore) {
    }

    private static final class Tail {
        final TreeMap<Long, FrameBody.Message> messages = new TreeMap<>();
        /** The highest dialogSeq delivered live (0: none yet). */
        long liveTop;
    }
}
