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

    /** Claims a key, new or replacing a cancelled attempt: sender, client message id, message id, dialog, body hash. */
    public static final String CLAIM_KEY = "INSERT INTO idempotency_key (sender_id, client_message_id, message_id, "
            + "dialog_id, body_hash, status) VALUES (?, ?, ?, ?, ?, 'PENDING') ON CONFLICT (sender_id, "
            + "client_message_id) DO UPDATE SET message_id = EXCLUDED.message_id, status = 'PENDING', "
            + "sender_seq = NULL, dialog_seq = NULL, sent_at = NULL, updated_at = now() "
            + "WHERE idempotency_key.status = 'CANCELLED' "
            + "AND idempotency_key.dialog_id = EXCLUDED.dialog_id AND idempotency_key.body_hash = EXCLUDED.body_hash";

    /** Records an attempt: message id, dialog, sender, body. */
    public static final String RECORD_ATTEMPT = "INSERT INTO send_attempt (message_id, dialog_id, sender_id, body) "
            + "VALUES (?, ?, ?, ?)";

    /** The first completion of an attempt's key: sender seq, dialog seq, sent at, message id. */
    public static final String KEY_SENT = "UPDATE idempotency_key SET status = 'SENT', sender_seq = ?, dialog_seq = ?, "
            + "sent_at = ?, updated_at = now() WHERE message_id = ? AND status = 'PENDING' RETURNING " + KEY_COLUMNS;

    /** An abandoned attempt's key: message id. */
    public static final String KEY_CANCELLED = "UPDATE idempotency_key SET status = 'CANCELLED', updated_at = now() "
            + "WHERE message_id = ? AND status = 'PENDING'";

    /** A finished attempt: message id. */
    public static final String ATTEMPT_DONE = "DELETE FROM send_attempt WHERE message_id = ?";

    /** Claims the oldest unfinished attempts for recovery: age (an interval), limit. */
    public static final String CLAIM_UNFINISHED = "UPDATE send_attempt SET updated_at = now() WHERE message_id IN ("
            + "SELECT message_id FROM send_attempt WHERE updated_at < now() - ?::interval ORDER BY message_id LIMIT ?) "
            + "RETURNING message_id, decision, sender_id";

    private SendLogStatements() {
    }
}
