package io.chatbackend.tools.load.ws.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Checks every message frame every client receives against the 201s of the sends (after the system tests'
 * {@code DeliveryChecker}, docs/architecture.md §3), at the scale of a benchmark: nothing is kept per frame, only per client
 * and dialog what it holds ({@link ClientLedger}) and per dialog what each dialogSeq is.
 * <ul>
 *   <li>per connection and dialog, message frames come in strictly increasing {@code dialogSeq}, above what the
 *       client's {@code resume} said it had: a lower or equal one is a duplicate (already held) or out of order;</li>
 *   <li>by the end of a phase every client holds every acknowledged message of each dialog its user is in (over all
 *       its connections: after a reconnect it may legitimately get again what it held beyond a hole);</li>
 *   <li>every frame carries the {@code messageId}, {@code senderId} and {@code senderSeq} of its dialogSeq's 201,
 *       and no frame is of a dialogSeq never acknowledged, unless a send of that dialog got no definite answer;</li>
 *   <li>no frame of a dialog the client's user is not in; no two 201s with one dialogSeq.</li>
 * </ul>
 * Thread-safe: sends file their answers and sessions their frames from any thread.
 */
public final class DeliveryChecker {

    /** Examples kept of each kind of finding. */
    public static final int EXAMPLES = 20;

    private final Map<String, DialogRecord> dialogs = new ConcurrentHashMap<>();
    private final Map<String, List<DialogRecord>> dialogsOfUser = new ConcurrentHashMap<>();
    private final Findings findings = new Findings(EXAMPLES);

    /** A dialog the driver created, with every member (each sees it from its first message). */
    public void dialogCreated(String dialogId, Collection<String> memberIds) {
        DialogRecord dialog = new DialogRecord(dialogId, Set.copyOf(memberIds));
        if (dialogs.putIfAbsent(dialogId, dialog) != null) {
            throw new IllegalArgumentException("dialog " + dialogId + " registered twice");
        }
        for (String member : dialog.members()) {
            dialogsOfUser.computeIfAbsent(member, m -> new CopyOnWriteArrayList<>()).add(dialog);
        }
    }

    /** A send's 201: the message now has its place in the dialog, and every member's client must get it. */
    public void acknowledged(String dialogId, long dialogSeq, String messageId, String senderId, long senderSeq) {
        DialogRecord dialog = require(dialogId);
        DialogRecord.Message clash = dialog.acknowledge(dialogSeq, new DialogRecord.Message(messageId, senderId,
                senderSeq));
        if (clash != null) {
            found(Finding.Kind.ACKNOWLEDGED_TWICE, "dialog %s dialogSeq %d: 201 for message %s and for %s",
                    dialogId, dialogSeq, clash.messageId(), messageId);
        }
    }

    /** A send that got no definite answer (it may or may not have been committed). */
    public void unanswered(String dialogId) {
        require(dialogId).unanswered();
    }

    /** The ledger of a new client of {@code userId}; {@code label} names it in findings. */
    public ClientLedger ledger(String label, String userId) {
        return new ClientLedger(this, label, userId);
    }

    /** The highest dialogSeq acknowledged in the dialog (0: none). */
    public long lastAcknowledged(String dialogId) {
        return require(dialogId).lastAcknowledged();
    }

    /**
     * Judges the clients of a phase: what each must hold by now, and every frame content not judged yet; adds what
     * the sessions found meanwhile, and forgets all of it for the next phase. Call it once every send of the phase
     * was answered (or given up) and the deliveries had their time.
     */
    public Verdict verdict(Collection<ClientLedger> clients, int notChecked) {
        long expected = 0;
        Map<String, long[]> acknowledgedSeqs = new HashMap<>();
        for (ClientLedger client : clients) {
            for (DialogRecord dialog : dialogsOf(client.userId())) {
                long[] seqs = acknowledgedSeqs.computeIfAbsent(dialog.id, id -> dialog.acknowledgedSeqs());
                expected += seqs.length;
                for (long dialogSeq : seqs) {
                    if (!client.holds(dialog.id, dialogSeq)) {
                        found(Finding.Kind.MISSING, "%s: dialog %s dialogSeq %d (message %s) never arrived",
                                client.label(), dialog.id, dialogSeq, dialog.acknowledgedAt(dialogSeq).messageId());
                    }
                }
            }
        }
        long[] withoutAck = {0};
        for (DialogRecord dialog : dialogs.values()) {
            dialog.judgeObserved((dialogSeq, framed) -> {
                DialogRecord.Message acknowledged = dialog.acknowledgedAt(dialogSeq);
                if (acknowledged == null && dialog.hasUnansweredSends()) {
                    withoutAck[0]++;
                } else if (acknowledged == null) {
                    found(Finding.Kind.NOT_ACKNOWLEDGED, "dialog %s dialogSeq %d: frames carried message %s, no "
                            + "201 named it", dialog.id, dialogSeq, framed.messageId());
                } else if (!acknowledged.equals(framed)) {
                    found(Finding.Kind.MISMATCH, "dialog %s dialogSeq %d: frames carried %s, its 201 said %s",
                            dialog.id, dialogSeq, framed, acknowledged);
                }
            });
        }
        Findings.Snapshot snapshot = findings.drain();
        return new Verdict(clients.size(), expected, withoutAck[0], notChecked, snapshot.counts(),
                snapshot.examples());
    }

    void found(Finding.Kind kind, String format, Object... arguments) {
        findings.add(kind, String.format(format, arguments));
    }

    DialogRecord dialog(String dialogId) {
        return dialogs.get(dialogId);
    }

    List<DialogRecord> dialogsOf(String userId) {
        return dialogsOfUser.getOrDefault(userId, List.of());
    }

    private DialogRecord require(String dialogId) {
        DialogRecord dialog = dialogs.get(dialogId);
        if (dialog == null) {
            throw new IllegalArgumentException("unknown dialog " + dialogId + ": register it with dialogCreated");
        }
        return dialog;
    }
}
