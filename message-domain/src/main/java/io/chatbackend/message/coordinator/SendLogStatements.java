package io.chatbackend.message.coordinator;

import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

/**
 * Every statement of the send log (the dedup keys and the unfinished attempts), in one place so that a test can
 * check that PostgreSQL finds their rows by an index: these tables grow with every send, and a statement that scans
 * one of them makes each send slower than the one before.
 */
public final class SendLogStatements {

    /** The columns of a key as {@link #KEY_ROW} reads them, in its order. */
    private static final String KEY_COLUMNS =
            "message_id, dialog_id, body_hash, status, sender_seq, dialog_seq, sent_at";
    /** A key as {@link #KEY} and {@link #KEY_SENT} return it. */
    static final RowMapper<SendLog.SendKey> KEY_ROW = (rs, n) -> new SendLog.SendKey(rs.getLong(1),
            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());

    /** A sender's key: sender, client message id. */
    public static final String KEY = "SELECT " + KEY_COLUMNS
            + " FROM idempotency_key WHERE sender_id = ? AND client_message_id = ?";

    /**
     * Claims the keys of a batch of starts, each new or replacing a cancelled attempt, in one statement: arrays of
     * senders, client message ids, message ids, dialogs and body hashes (one element per start, no key twice).
     * Returns the message id of every start that claimed its key.
     */
    public static final String CLAIM_KEYS = "INSERT INTO idempotency_key (sender_id, client_message_id, message_id, "
            + "dialog_id, body_hash, status) SELECT s, c, m, d, h, 'PENDING' "
            + "FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::text[]) AS v(s, c, m, d, h) "
            + "ON CONFLICT (sender_id, client_message_id) DO UPDATE SET message_id = EXCLUDED.message_id, "
            + "status = 'PENDING', sender_seq = NULL, dialog_seq = NULL, sent_at = NULL, updated_at = now() "
            + "WHERE idempotency_key.status = 'CANCELLED' "
            + "AND idempotency_key.dialog_id = EXCLUDED.dialog_id AND idempotency_key.body_hash = EXCLUDED.body_hash "
            + "RETURNING message_id";

    /** Records a batch of attempts: arrays of message ids, dialogs, senders and bodies. */
    public static final String RECORD_ATTEMPTS = "INSERT INTO send_attempt (message_id, dialog_id, sender_id, body) "
            + "SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::uuid[], ?::text[])";

    /**
     * The first completion of a batch of attempts' keys: arrays of message ids (no id twice), sender seqs, dialog
     * seqs and sent-at times. Returns, as {@link #KEY_ROW} reads them, the keys this statement completed.
     */
    public static final String KEYS_SENT = "UPDATE idempotency_key k SET status = 'SENT', sender_seq = v.sender_seq, "
            + "dialog_seq = v.dialog_seq, sent_at = v.sent_at, updated_at = now() "
            + "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[]) "
            + "AS v(message_id, sender_seq, dialog_seq, sent_at) "
            + "WHERE k.message_id = v.message_id AND k.status = 'PENDING' RETURNING k.message_id, k.dialog_id, "
            + "k.body_hash, k.status, k.sender_seq, k.dialog_seq, k.sent_at";

    /** An abandoned attempt's key: message id. */
    public static final String KEY_CANCELLED = "UPDATE idempotency_key SET status = 'CANCELLED', updated_at = now() "
            + "WHERE message_id = ? AND status = 'PENDING'";

    /** Finished attempts: an array of message ids. */
    public static final String ATTEMPTS_DONE = "DELETE FROM send_attempt WHERE message_id = ANY (?::bigint[])";

    /** Claims the oldest unfinished attempts for recovery: age (an interval), limit. */
    public static final String CLAIM_UNFINISHED = "UPDATE send_attempt SET updated_at = now() WHERE message_id IN ("
            + "SELECT message_id FROM send_attempt WHERE updated_at < now() - ?::interval ORDER BY message_id LIMIT ?) "
            + "RETURNING message_id, decision, sender_id";

    private SendLogStatements() {
    }
}
