package io.chatbackend.dialog.readmodel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatbackend.dialog.query.DialogView;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;

/**
 * Reads dialog-domain's Cassandra read models. Callers check membership first (against the write side's member
 * table, which is never stale) and pass the viewer's {@code joinedAtSeq}: a member sees history from there on.
 */
public class DialogReadQueries {

    /** A user's inbox is assembled from at most this many dialogs. */
    static final int MAX_INBOX_DIALOGS = 10_000;

    private final CqlSession session;
    private final ReadModelCatalog catalog;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    public DialogReadQueries(CqlSession session, ReadModelCatalog catalog) {
        this.session = session;
        this.catalog = catalog;
    }

    /**
     * The epoch clients see: it grows whenever any of this context's read models is rebuilt (each starts at 1),
     * which tells a client to resync.
     */
    public long epoch() {
        return catalog.epoch(DialogReadModels.TIMELINE) + catalog.epoch(DialogReadModels.MEMBERSHIP) - 1;
    }

    /** The last dialogSeq visible in the timeline (0 before the first message). */
    public long lastDialogSeq(UUID dialogId) {
        Row row = execute(timelineTable("dialog_activity"), "SELECT last_dialog_seq FROM %s WHERE dialog_id = ?",
                dialogId).one();
        return row == null || row.isNull(0) ? 0 : row.getLong(0);
    }

    /**
     * A page of at most {@code limit} messages, ascending. With {@code afterSeq} (alone or with {@code beforeSeq})
     * the page starts right after it; otherwise it ends right before {@code beforeSeq}, or at the latest message.
     */
    public HistoryPage history(UUID dialogId, long joinedAtSeq, Long beforeSeq, Long afterSeq, int limit) {
        long epoch = epoch();
        long lo = Math.max(Math.max(joinedAtSeq, 1), afterSeq == null ? 1 : afterSeq + 1);
        long hi = lastDialogSeq(dialogId);
        if (beforeSeq != null) {
            hi = Math.min(hi, beforeSeq - 1);
        }
        if (hi < lo) {
            return new HistoryPage(List.of(), false, epoch);
        }
        boolean ascending = afterSeq != null;
        List<TimelineItem> items = new ArrayList<>(limit + 1);
        scan(dialogId, lo, hi, ascending, limit + 1, row -> {
            items.add(item(dialogId, row));
            return true;
        });
        boolean hasMore = items.size() > limit;
        List<TimelineItem> page = new ArrayList<>(items.subList(0, Math.min(limit, items.size())));
        if (!ascending) {
            Collections.reverse(page);
        }
        return new HistoryPage(page, hasMore, epoch);
    }

    /** One message of the dialog by its dialogSeq, if projected. */
    public Optional<TimelineItem> message(UUID dialogId, long dialogSeq) {
        List<TimelineItem> found = new ArrayList<>(1);
        scan(dialogId, dialogSeq, dialogSeq, true, 1, row -> found.add(item(dialogId, row)));
        return found.stream().findFirst();
    }

    /**
     * The digest of {@code [fromSeq, toSeq]} (see {@link RangeDigest} for the algorithm); {@code fromSeq} defaults
     * to (and is raised to) the viewer's {@code joinedAtSeq}, {@code toSeq} defaults to the latest message.
     */
    public RangeDigest digest(UUID dialogId, long joinedAtSeq, Long fromSeq, Long toSeq) {
        long epoch = epoch();
        long from = Math.max(Math.max(joinedAtSeq, 1), fromSeq == null ? 1 : fromSeq);
        long to = toSeq == null ? lastDialogSeq(dialogId) : toSeq;
        MessageDigest sha256 = sha256();
        long[] count = {0};
        if (to >= from) {
            scan(dialogId, from, to, true, Integer.MAX_VALUE, row -> {
                sha256.update((row.getLong("dialog_seq") + ":" + row.getLong("message_id") + ":"
                        + row.getInt("version") + "\n").getBytes(StandardCharsets.UTF_8));
                count[0]++;
                return true;
            });
        }
        return new RangeDigest(from, to, count[0], HexFormat.of().formatHex(sha256.digest()), epoch);
    }

    /**
     * The viewer's dialogs, most recent activity first (a dialog without messages counts from its creation),
     * {@code limit} per page, continuing after {@code cursor} (from a previous page).
     */
    public InboxPage inbox(UUID userId, String cursor, int limit) {
        long epoch = epoch();
        List<Row> memberships = new ArrayList<>();
        for (Row row : execute(membershipTable("dialogs_by_user"),
                "SELECT dialog_id, joined_at_seq FROM %s WHERE user_id = ? LIMIT " + MAX_INBOX_DIALOGS, userId)) {
            memberships.add(row);
        }
        List<CompletableFuture<InboxEntry>> entries = memberships.stream()
                .map(row -> entry(userId, row.getUuid("dialog_id"), row.getLong("joined_at_seq")))
                .toList();
        List<InboxEntry> sorted = entries.stream().map(CompletableFuture::join)
                .filter(entry -> entry.type() != null) // not yet projected: shown once it is
                .sorted(Comparator.comparing(InboxEntry::lastActivityAt, Comparator.reverseOrder())
                        .thenComparing(InboxEntry::dialogId))
                .toList();
        int start = 0;
        if (cursor != null) {
            InboxCursor after = InboxCursor.decode(cursor);
            while (start < sorted.size() && !after.isBefore(sorted.get(start))) {
                start++;
            }
        }
        List<InboxEntry> page = sorted.subList(start, Math.min(sorted.size(), start + limit));
        String next = start + limit < sorted.size() ? InboxCursor.of(page.get(page.size() - 1)).encode() : null;
        return new InboxPage(List.copyOf(page), next, epoch);
    }

    /** A dialog with its members, from the membership read model, if projected. */
    public Optional<DialogView> dialog(UUID dialogId) {
        Row dialog = execute(membershipTable("dialog_by_id"), "SELECT type, title FROM %s WHERE dialog_id = ?",
                dialogId).one();
        if (dialog == null) {
            return Optional.empty();
        }
        Map<UUID, Long> readSeqs = new HashMap<>();
        for (Row row : execute(membershipTable("read_watermarks"),
                "SELECT user_id, read_seq FROM %s WHERE dialog_id = ?", dialogId)) {
            readSeqs.put(row.getUuid(0), row.isNull(1) ? 0 : row.getLong(1));
        }
        List<DialogView.Member> members = new ArrayList<>();
        for (Row row : execute(membershipTable("members_by_dialog"),
                "SELECT user_id, role, joined_at_seq FROM %s WHERE dialog_id = ?", dialogId)) {
            members.add(new DialogView.Member(row.getUuid(0), row.getString(1), row.getLong(2),
                    readSeqs.getOrDefault(row.getUuid(0), 0L)));
        }
        members.sort(Comparator.comparingLong(DialogView.Member::joinedAtSeq).thenComparing(DialogView.Member::userId));
        return Optional.of(new DialogView(dialogId, dialog.getString(0), dialog.getString(1), members));
    }

    private CompletableFuture<InboxEntry> entry(UUID userId, UUID dialogId, long joinedAtSeq) {
        CompletableFuture<AsyncResultSet> dialog = executeAsync(membershipTable("dialog_by_id"),
                "SELECT type, title, created_at FROM %s WHERE dialog_id = ?", dialogId);
        CompletableFuture<AsyncResultSet> activity = executeAsync(timelineTable("dialog_activity"),
                "SELECT * FROM %s WHERE dialog_id = ?", dialogId);
        CompletableFuture<AsyncResultSet> watermark = executeAsync(membershipTable("read_watermarks"),
                "SELECT read_seq FROM %s WHERE dialog_id = ? AND user_id = ?", dialogId, userId);
        return CompletableFuture.allOf(dialog, activity, watermark).thenApply(done -> {
            Row d = dialog.join().one();
            Row a = activity.join().one();
            Row w = watermark.join().one();
            long lastDialogSeq = a == null || a.isNull("last_dialog_seq") ? 0 : a.getLong("last_dialog_seq");
            long readSeq = w == null || w.isNull(0) ? 0 : w.getLong(0);
            long unread = Math.max(0, lastDialogSeq - Math.max(readSeq, joinedAtSeq - 1));
            TimelineItem last = a == null || a.isNull("last_message_id") ? null : new TimelineItem(
                    Long.toString(a.getLong("last_message_id")), dialogId, a.getUuid("last_sender_id"),
                    a.getLong("last_sender_seq"), lastDialogSeq,
                    new TimelineItem.Body(a.getString("last_body_type"), a.getString("last_body")),
                    a.getInstant("last_sent_at"), a.getInt("last_version"));
            if (last != null && lastDialogSeq < joinedAtSeq) {
                last = null; // sent before the viewer joined: not theirs to see
            }
            Instant createdAt = d == null ? Instant.EPOCH : d.getInstant(2);
            Instant lastActivity = last != null && last.sentAt() != null ? last.sentAt() : createdAt;
            return new InboxEntry(dialogId, d == null ? null : d.getString(0), d == null ? null : d.getString(1),
                    joinedAtSeq, lastDialogSeq, readSeq, unread, last, lastActivity);
        });
    }

    /** Visits rows of [lo, hi] bucket by bucket in the given direction until {@code visitor} says stop or max. */
    private void scan(UUID dialogId, long lo, long hi, boolean ascending, int max, Predicate<Row> visitor) {
        String table = timelineTable("timeline");
        String select = "SELECT * FROM %s WHERE dialog_id = ? AND bucket = ? AND dialog_seq >= ? AND dialog_seq <= ?"
                + (ascending ? "" : " ORDER BY dialog_seq DESC");
        int first = DialogReadModels.bucketOf(lo);
        int last = DialogReadModels.bucketOf(hi);
        int seen = 0;
        for (int bucket = ascending ? first : last; ascending ? bucket <= last : bucket >= first;
             bucket += ascending ? 1 : -1) {
            for (Row row : execute(table, select, dialogId, bucket, lo, hi)) {
                if (seen++ >= max || !visitor.test(row)) {
                    return;
                }
            }
        }
    }

    private static TimelineItem item(UUID dialogId, Row row) {
        return new TimelineItem(Long.toString(row.getLong("message_id")), dialogId, row.getUuid("sender_id"),
                row.getLong("sender_seq"), row.getLong("dialog_seq"),
                new TimelineItem.Body(row.getString("body_type"), row.getString("body")), row.getInstant("sent_at"),
                row.getInt("version"));
    }

    private String timelineTable(String logical) {
        return catalog.readTable(DialogReadModels.TIMELINE, logical);
    }

    private String membershipTable(String logical) {
        return catalog.readTable(DialogReadModels.MEMBERSHIP, logical);
    }

    private ResultSet execute(String table, String template, Object... values) {
        return session.execute(statement(table, template).bind(values));
    }

    private CompletableFuture<AsyncResultSet> executeAsync(String table, String template, Object... values) {
        CompletionStage<AsyncResultSet> stage = session.executeAsync(statement(table, template).bind(values));
        return stage.toCompletableFuture();
    }

    private PreparedStatement statement(String table, String template) {
        return prepared.computeIfAbsent(template.formatted(table), session::prepare);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Where an inbox page ended: the last entry's activity time and dialog id, opaque to clients. */
    record InboxCursor(Instant lastActivityAt, UUID dialogId) {

        static InboxCursor of(InboxEntry entry) {
            return new InboxCursor(entry.lastActivityAt(), entry.dialogId());
        }

        static InboxCursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\|", 2);
                return new InboxCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an inbox cursor", e);
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((lastActivityAt.toEpochMilli() + "|"
                    + dialogId).getBytes(StandardCharsets.UTF_8));
        }

        /** True if {@code entry} comes after this cursor in inbox order (newest first, then by id). */
        boolean isBefore(InboxEntry entry) {
            int byTime = entry.lastActivityAt().toEpochMilli() < lastActivityAt.toEpochMilli() ? 1
                    : entry.lastActivityAt().toEpochMilli() > lastActivityAt.toEpochMilli() ? -1 : 0;
            return byTime > 0 || (byTime == 0 && entry.dialogId().compareTo(dialogId) > 0);
        }
    }
}
