package io.chatbackend.dialog.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatbackend.platform.cassandra.readmodel.ReadModelDefinition;

/**
 * dialog-domain's Cassandra read models and their tables. Each model is rebuilt from exactly what builds it
 * (docs/architecture.md §4): the timeline from message-domain's integration topic, membership from this context's event store.
 *
 * <p>Every write is an idempotent upsert whose Cassandra write timestamp is a sequence number of the source (the
 * message's {@code dialogSeq} and version, the dialog stream's sequence, the watermark itself), never the wall
 * clock. So a redelivered, replayed or out-of-order event cannot undo a newer one, and a rebuild that runs beside
 * the live projection (both writing the same rows) converges to the same rows.
 */
public final class DialogReadModels {

    /** Messages per dialog and each dialog's latest activity, from the {@code MessageSent} integration events. */
    public static final String TIMELINE = "timeline";
    /** Dialogs, members, each user's dialogs and read watermarks, from dialog-domain's own events. */
    public static final String MEMBERSHIP = "membership";

    /** The tracking processor that keeps the membership model current from the event store. */
    public static final String MEMBERSHIP_PROCESSOR = "read-model-membership";

    /** Timeline partitions hold this many consecutive dialogSeqs, so no partition grows without bound. */
    public static final int BUCKET_SIZE = 1000;

    private DialogReadModels() {
    }

    public static int bucketOf(long dialogSeq) {
        return (int) (dialogSeq / BUCKET_SIZE);
    }

    public static ReadModelDefinition timeline() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("timeline", """
                CREATE TABLE IF NOT EXISTS %s (
                    dialog_id  uuid,
                    bucket     int,
                    dialog_seq bigint,
                    message_id bigint,
                    sender_id  uuid,
                    sender_seq bigint,
                    body_type  text,
                    body       text,
                    sent_at    timestamp,
                    version    int,
                    PRIMARY KEY ((dialog_id, bucket), dialog_seq)
                ) WITH CLUSTERING ORDER BY (dialog_seq ASC)""");
        tables.put("dialog_activity", """
                CREATE TABLE IF NOT EXISTS %s (
                    dialog_id       uuid PRIMARY KEY,
                    last_dialog_seq bigint,
                    last_message_id bigint,
                    last_sender_id  uuid,
                    last_sender_seq bigint,
                    last_version    int,
                    last_body_type  text,
                    last_body       text,
                    last_sent_at    timestamp
                )""");
        return new ReadModelDefinition(TIMELINE, tables);
    }

    public static ReadModelDefinition membership() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("dialog_by_id", """
                CREATE TABLE IF NOT EXISTS %s (
                    dialog_id  uuid PRIMARY KEY,
                    type       text,
                    title      text,
                    created_by uuid,
                    created_at timestamp
                )""");
        // bounded by the group size limit
        tables.put("members_by_dialog", """
                CREATE TABLE IF NOT EXISTS %s (
                    dialog_id     uuid,
                    user_id       uuid,
                    role          text,
                    joined_at_seq bigint,
                    PRIMARY KEY (dialog_id, user_id)
                )""");
        // one row per dialog the user belongs to: the inbox's index
        tables.put("dialogs_by_user", """
                CREATE TABLE IF NOT EXISTS %s (
                    user_id       uuid,
                    dialog_id     uuid,
                    joined_at_seq bigint,
                    PRIMARY KEY (user_id, dialog_id)
                )""");
        tables.put("read_watermarks", """
                CREATE TABLE IF NOT EXISTS %s (
                    dialog_id uuid,
                    user_id   uuid,
                    read_seq  bigint,
                    PRIMARY KEY (dialog_id, user_id)
                )""");
        return new ReadModelDefinition(MEMBERSHIP, tables);
    }
}
