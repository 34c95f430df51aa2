package io.chatbackend.message.coordinator;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The send log's rows, written a batch at a time: one statement per kind of change whatever the batch's size, so a
 * group commit of many sends costs the database as many round trips as one send (ADR 0020's stop-24 amendment).
 * Each method gives the answer the steps would get one after another in the same transaction: a key that appears
 * twice in a batch is claimed (or completed) by its first step only.
 */
final class SendLogWrites {

    private final JdbcTemplate jdbc;

    SendLogWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims each start's key (new, or replacing a cancelled attempt of the same dialog and body).
     *
     * @return for each start, in order, whether it claimed its key
     */
    boolean[] claim(List<SendRecords.Start> starts) {
        boolean[] claimed = new boolean[starts.size()];
        Set<List<UUID>> keys = new HashSet<>();
        List<SendRecords.Start> firsts = new ArrayList<>(starts.size());
        for (SendRecords.Start start : starts) {
            if (keys.add(List.of(start.senderId(), start.clientMessageId()))) {
                firsts.add(start);
            }
        }
        Set<Long> claimedIds = new HashSet<>(jdbc.queryForList(SendLogStatements.CLAIM_KEYS, Long.class,
                firsts.stream().map(SendRecords.Start::senderId).toArray(UUID[]::new),
                firsts.stream().map(SendRecords.Start::clientMessageId).toArray(UUID[]::new),
                firsts.stream().map(start -> Long.parseLong(start.messageId())).toArray(Long[]::new),
                firsts.stream().map(SendRecords.Start::dialogId).toArray(UUID[]::new),
                firsts.stream().map(SendRecords.Start::bodyHash).toArray(String[]::new)));
        for (int i = 0; i < starts.size(); i++) {
            // message ids are unique per attempt, so a later duplicate of a key never finds its own id here
            claimed[i] = claimedIds.remove(Long.parseLong(starts.get(i).messageId()));
        }
        return claimed;
    }

    /** Records the attempts of starts that claimed their keys. */
    void recordAttempts(List<SendRecords.Start> started) {
        if (started.isEmpty()) {
            return;
        }
        jdbc.update(SendLogStatements.RECORD_ATTEMPTS,
                started.stream().map(start -> Long.parseLong(start.messageId())).toArray(Long[]::new),
                started.stream().map(SendRecords.Start::dialogId).toArray(UUID[]::new),
                started.stream().map(SendRecords.Start::senderId).toArray(UUID[]::new),
                started.stream().map(SendRecords.Start::text).toArray(String[]::new));
    }

    /**
     * Completes the keys of sent messages, each only the first time.
     *
     * @return for each completion, in order, the key as it left it; null where it changed nothing
     */
    List<SendLog.SendKey> sent(List<SendRecords.Sent> sent) {
        List<SendLog.SendKey> keys = new ArrayList<>(sent.size());
        sent.forEach(s -> keys.add(null));
        if (sent.isEmpty()) {
            return keys;
        }
        Map<Long, SendRecords.Sent> firsts = new HashMap<>();
        sent.forEach(s -> firsts.putIfAbsent(Long.parseLong(s.messageId()), s));
        List<SendRecords.Sent> rows = List.copyOf(firsts.values());
        Map<Long, SendLog.SendKey> completed = new HashMap<>();
        jdbc.query(SendLogStatements.KEYS_SENT, SendLogStatements.KEY_ROW,
                        rows.stream().map(s -> Long.parseLong(s.messageId())).toArray(Long[]::new),
                        rows.stream().map(SendRecords.Sent::senderSeq).toArray(Long[]::new),
                        rows.stream().map(SendRecords.Sent::dialogSeq).toArray(Long[]::new),
                        rows.stream().map(s -> Timestamp.from(s.sentAt())).toArray(Timestamp[]::new))
                .forEach(key -> completed.put(key.messageId(), key));
        for (int i = 0; i < sent.size(); i++) {
            keys.set(i, completed.remove(Long.parseLong(sent.get(i).messageId())));
        }
        return keys;
    }

    /** The attempts are finished: recovery has nothing left to do for them. */
    void attemptsDone(List<Long> messageIds) {
        if (!messageIds.isEmpty()) {
            jdbc.update(SendLogStatements.ATTEMPTS_DONE, (Object) messageIds.toArray(Long[]::new));
        }
    }

    /** An abandoned attempt's key is cancelled (a pending one only), so its client message id may start anew. */
    void keyCancelled(long messageId) {
        jdbc.update(SendLogStatements.KEY_CANCELLED, messageId);
    }
}
