package io.chatbackend.tools.load.ws.check;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client (a device of a user) as the checker follows it over all its connections: per dialog what it holds and
 * where the current connection stands ({@link DialogTrack}). The session code tells it when a connection starts
 * (the {@code resume} it sends is what this answers) and every message frame; the ledger files what is wrong at
 * once (a duplicate, a frame out of order, a frame of a foreign dialog) and the {@link DeliveryChecker} judges the
 * rest at the end of a phase. Also notes when the client recovered everything after a reconnect storm.
 * Thread-safe (each connection delivers its frames one at a time; the phase reads the figures).
 */
public final class ClientLedger {

    private final DeliveryChecker checker;
    private final String label;
    private final String userId;
    private final Map<String, DialogTrack> tracks = new HashMap<>(4);
    private int connections;
    private long connectedAtNanos;
    /** While waiting for a recovery: dialog → the dialogSeq the client must reach; null otherwise. */
    private Map<String, Long> behind;
    private boolean awaitingConnection;
    private long recoveredAtNanos;

    ClientLedger(DeliveryChecker checker, String label, String userId) {
        this.checker = checker;
        this.label = label;
        this.userId = userId;
    }

    public String label() {
        return label;
    }

    public String userId() {
        return userId;
    }

    /**
     * A connection was welcomed: its stream of every dialog starts above what the client holds without a hole.
     * Answers the {@code resume} to send: dialog → last dialogSeq held (dialogs held from nothing are left out).
     */
    public synchronized Map<String, Long> startConnection(long nanos) {
        connections++;
        connectedAtNanos = nanos;
        Map<String, Long> resume = new LinkedHashMap<>();
        for (DialogRecord dialog : checker.dialogsOf(userId)) {
            long held = track(dialog.id).startConnection();
            if (held > 0) {
                resume.put(dialog.id, held);
            }
        }
        awaitingConnection = false;
        noteRecovery(nanos);
        return resume;
    }

    /** A message frame of the current connection; true when the client did not hold the message before. */
    public synchronized boolean message(String dialogId, long dialogSeq, String messageId, String senderId,
                                     long senderSeq, long nanos) {
        DialogRecord dialog = checker.dialog(dialogId);
        if (dialog == null || !dialog.hasMember(userId)) {
            checker.found(Finding.Kind.FOREIGN_DIALOG, "%s: dialogSeq %d of dialog %s, which its user is not in",
                    label, dialogSeq, dialogId);
            return false;
        }
        DialogRecord.Message earlier = dialog.observe(dialogSeq, new DialogRecord.Message(messageId, senderId,
                senderSeq));
        if (earlier != null) {
            checker.found(Finding.Kind.MISMATCH, "%s: dialog %s dialogSeq %d is message %s from %s #%d, another "
                    + "client got %s", label, dialogId, dialogSeq, messageId, senderId, senderSeq, earlier);
        }
        DialogTrack track = track(dialogId);
        if (dialogSeq <= track.last) {
            if (track.received.contains(dialogSeq)) {
                checker.found(Finding.Kind.DUPLICATE, "%s: dialog %s dialogSeq %d (message %s) arrived again "
                        + "(this connection resumed from %d and is at %d)", label, dialogId, dialogSeq, messageId,
                        track.floor, track.last);
            } else {
                checker.found(Finding.Kind.OUT_OF_ORDER, "%s: dialog %s dialogSeq %d (message %s) arrived after "
                        + "dialogSeq %d", label, dialogId, dialogSeq, messageId, track.last);
            }
        } else {
            track.last = dialogSeq;
        }
        boolean firstCopy = track.received.add(dialogSeq);
        if (behind != null) {
            Long target = behind.get(dialogId);
            if (target != null && track.held() >= target) {
                behind.remove(dialogId);
                noteRecovery(nanos);
            }
        }
        return firstCopy;
    }

    /**
     * From now on, notes when the client (after its next connection starts) holds every message acknowledged so
     * far in each of its dialogs: its recovery after a reconnect storm.
     */
    public synchronized void expectRecovery() {
        behind = new HashMap<>();
        for (DialogRecord dialog : checker.dialogsOf(userId)) {
            long target = dialog.lastAcknowledged();
            if (track(dialog.id).held() < target) {
                behind.put(dialog.id, target);
            }
        }
        awaitingConnection = true;
        recoveredAtNanos = 0;
    }

    /** When the client had recovered everything, or 0 (not yet, or no recovery expected). */
    public synchronized long recoveredAtNanos() {
        return recoveredAtNanos;
    }

    /** When the latest connection was welcomed (0: never). */
    public synchronized long connectedAtNanos() {
        return connectedAtNanos;
    }

    public synchronized int connections() {
        return connections;
    }

    /** Whether the client holds every acknowledged message of its dialogs (a wait's end condition). */
    public synchronized boolean holdsEverything() {
        for (DialogRecord dialog : checker.dialogsOf(userId)) {
            if (track(dialog.id).held() < dialog.lastAcknowledged()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the client holds {@code dialogSeq} of the dialog (for the verdict). */
    synchronized boolean holds(String dialogId, long dialogSeq) {
        DialogTrack track = tracks.get(dialogId);
        return track != null && track.received.contains(dialogSeq);
    }

    private void noteRecovery(long nanos) {
        if (behind != null && behind.isEmpty() && !awaitingConnection && recoveredAtNanos == 0) {
            recoveredAtNanos = nanos;
        }
    }

    private DialogTrack track(String dialogId) {
        return tracks.computeIfAbsent(dialogId, id -> new DialogTrack());
    }

    @Override
    public String toString() {
        return label;
    }
}
