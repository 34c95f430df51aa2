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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.datastax.oss.driver.api.core.CqlSession;
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
    /**
     * Dialogs looked up per statement while assembling an inbox. Each of the three per-dialog tables is read with one
     * {@code IN} statement per this many dialogs, so an inbox costs at most {@link #MAX_INBOX_STATEMENTS} statements
     * however many dialogs the viewer has. (One statement per dialog and table put up to 30,000 requests in flight
     * at once for a single inbox, far beyond the driver's 1,024 per connection.)
     */
    static final int INBOX_DIALOGS_PER_STATEMENT = 1_000;
    /** The list of the viewer's dialogs, then three statements per batch of dialogs. */
    static final int MAX_INBOX_STATEMENTS = 1 + 3 * batchesOf(MAX_INBOX_DIALOGS, INBOX_DIALOGS_PER_STATEMENT);
    /** A digest covers at most this many dialogSeqs; clients bisect larger ranges. */
    public static final long MAX_DIGEST_RANGE = 100_000;
    /**
     * A digest reads one timeline bucket per statement (and the timeline's last dialogSeq when the range is open):
     * at most this many statements, whatever the range asked for.
     */
    static final long MAX_DIGEST_STATEMENTS = 1 + (MAX_DIGEST_RANGE - 1) / DialogReadModels.BUCKET_SIZE + 2;

    private static final String TIMELINE_RANGE = " FROM %s WHERE dialog_id = ? AND bucket = ? AND dialog_seq >= ? "
            + "AND dialog_seq <= ?";

    private final CqlSession session;
    private final ReadModelCatalog catalog;
    private final int inboxDialogsPerStatement;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    public DialogReadQueries(CqlSession session, ReadModelCatalog catalog) {
        this(session, catalog, INBOX_DIALOGS_PER_STATEMENT);
    }

    /** With smaller inbox batches, so a test can see batching at work without creating thousands of dialogs. */
    DialogReadQueries(CqlSession session, ReadModelCatalog catalog, int inboxDialogsPerStatement) {
        this.session = session;
        this.catalog = catalog;
        this.inboxDialogsPerStatement = inboxDialogsPerStatement;
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
     * Any {@code afterSeq}/{@code beforeSeq} is safe here: the range is clamped to the timeline's last dialogSeq,
     * so a page beyond the end is empty after one statement.
     */
    public HistoryPage history(UUID dialogId, long joinedAtSeq, Long beforeSeq, Long afterSeq, int limit) {
        long epoch = epoch();
        SeqRange range = SeqRange.between(afterSeq, beforeSeq, joinedAtSeq, lastDialogSeq(dialogId));
        if (range.isEmpty()) {
            return new HistoryPage(List.of(), false, epoch);
        }
        boolean ascending = afterSeq != null;
        List<TimelineItem> items = new ArrayList<>(limit + 1);
        scan(dialogId, range, ascending, limit + 1, "SELECT *", row -> {
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
        if (dialogSeq < 1) {
            return Optional.empty();
        }
        List<TimelineItem> found = new ArrayList<>(1);
        scan(dialogId, new SeqRange(dialogSeq, dialogSeq), true, 1, "SELECT *",
                row -> found.add(item(dialogId, row)));
        return found.stream().findFirst();
    }

    /**
     * The digest of {@code range} (see {@link RangeDigest} for the algorithm): one statement per timeline bucket
     * the range covers, reading only the three columns the digest needs (never the bodies).
     *
     * @throws IllegalArgumentException if the range holds more than {@link #MAX_DIGEST_RANGE} dialogSeqs (callers
     *                                  clamp and check first; this keeps every digest bounded)
     */
    public RangeDigest digest(UUID dialogId, SeqRange range) {
        if (range.size() > MAX_DIGEST_RANGE) {
            throw new IllegalArgumentException("a digest covers at most " + MAX_DIGEST_RANGE + " dialogSeqs");
        }
        long epoch = epoch();
        MessageDigest sha256 = sha256();
        long[] count = {0};
        scan(dialogId, range, true, Integer.MAX_VALUE, "SELECT dialog_seq, message_id, version", row -> {
            sha256.update((row.getLong("dialog_seq") + ":" + row.getLong("message_id") + ":"
                    + row.getInt("version") + "\n").getBytes(StandardCharsets.UTF_8));
            count[0]++;
            return true;
        });
        return new RangeDigest(range.first(), range.last(), count[0], HexFormat.of().formatHex(sha256.digest()), epoch);
    }

    /**
     * The viewer's dialogs, most recent activity first (a dialog without messages counts from its creation),
     * {@code limit} per page, continuing after {@code cursor} (from a previous page). Costs at most
     * {@link #MAX_INBOX_STATEMENTS} statements: the viewer's dialogs, then each per-dialog table read in batches.
     *
     * @throws IllegalArgumentException if {@code cursor} is not a cursor of a previous page (before any query)
     */
    public InboxPage inbox(UUID userId, String cursor, int limit) {
        InboxCursor after = cursor == null ? null : InboxCursor.decode(cursor);
        long epoch = epoch();
        Map<UUID, Long> joinedAtSeqs = new LinkedHashMap<>();
        // one page for the whole list (the driver's default of 5,000 rows would fetch the cap in two requests)
        for (Row row : session.execute(statement(membershipTable("dialogs_by_user"),
                "SELECT dialog_id, joined_at_seq FROM %s WHERE user_id = ? LIMIT " + MAX_INBOX_DIALOGS)
                .bind(userId).setPageSize(MAX_INBOX_DIALOGS))) {
            joinedAtSeqs.put(row.getUuid(0), row.getLong(1));
        }
        List<UUID> dialogIds = List.copyOf(joinedAtSeqs.keySet());
        List<CompletableFuture<Map<UUID, Row>>> dialogs = new ArrayList<>();
        List<CompletableFuture<Map<UUID, Row>>> activities = new ArrayList<>();
        List<CompletableFuture<Map<UUID, Row>>> watermarks = new ArrayList<>();
        for (int from = 0; from < dialogIds.size(); from += inboxDialogsPerStatement) {
            List<UUID> batch = dialogIds.subList(from, Math.min(dialogIds.size(), from + inboxDialogsPerStatement));
            dialogs.add(rowsByDialog(membershipTable("dialog_by_id"),
                    "SELECT dialog_id, type, title, created_at FROM %s WHERE dialog_id IN ?", batch));
            activities.add(rowsByDialog(timelineTable("dialog_activity"),
                    "SELECT * FROM %s WHERE dialog_id IN ?", batch));
            watermarks.add(rowsByDialog(membershipTable("read_watermarks"),
                    "SELECT dialog_id, read_seq FROM %s WHERE dialog_id IN ? AND user_id = ?", batch, userId));
        }
        Map<UUID, Row> dialogRows = joined(dialogs);
        Map<UUID, Row> activityRows = joined(activities);
        Map<UUID, Row> watermarkRows = joined(watermarks);
        List<InboxEntry> sorted = dialogIds.stream()
                .map(id -> entry(userId, id, joinedAtSeqs.get(id), dialogRows.get(id), activityRows.get(id),
                        watermarkRows.get(id)))
                .filter(entry -> entry.type() != null) // not yet projected: shown once it is
                .sorted(Comparator.comparing(InboxEntry::lastActivityAt, Comparator.reverseOrder())
                        .thenComparing(InboxEntry::dialogId))
                .toList();
        int start = 0;
        if (after != null) {
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

    /**
     * One inbox entry of {@code viewer} from its three rows (each null if not projected yet). A send is its sender's
     * read up to it, so when the last message is the viewer's own, they have read everything: the timeline can show
     * it before the membership read model has their watermark (a send's events reach that projection up to 100 ms
     * later, ADR 0031).
     */
    private static InboxEntry entry(UUID viewer, UUID dialogId, long joinedAtSeq, Row d, Row a, Row w) {
        long lastDialogSeq = a == null || a.isNull("last_dialog_seq") ? 0 : a.getLong("last_dialog_seq");
        long storedReadSeq = w == null || w.isNull("read_seq") ? 0 : w.getLong("read_seq");
        boolean lastIsViewers = a != null && !a.isNull("last_sender_id") && viewer.equals(a.getUuid("last_sender_id"));
        long readSeq = lastIsViewers ? Math.max(storedReadSeq, lastDialogSeq) : storedReadSeq;
        long unread = Math.max(0, lastDialogSeq - Math.max(readSeq, joinedAtSeq - 1));
        TimelineItem last = a == null || a.isNull("last_message_id") ? null : new TimelineItem(
                Long.toString(a.getLong("last_message_id")), dialogId, a.getUuid("last_sender_id"),
                a.getLong("last_sender_seq"), lastDialogSeq,
                new TimelineItem.Body(a.getString("last_body_type"), a.getString("last_body")),
                a.getInstant("last_sent_at"), a.getInt("last_version"));
        if (last != null && lastDialogSeq < joinedAtSeq) {
            last = null; // sent before the viewer joined: not theirs to see
        }
        Instant createdAt = d == null ? Instant.EPOCH : d.getInstant("created_at");
        Instant lastActivity = last != null && last.sentAt() != null ? last.sentAt() : createdAt;
        return new InboxEntry(dialogId, d == null ? null : d.getString("type"), d == null ? null : d.getString("title"),
                joinedAtSeq, lastDialogSeq, readSeq, unread, last, lastActivity);
    }

    /**
     * The rows of one {@code IN} statement by their dialog, all in one page: each dialog has at most one row here
     * and a batch at most {@link #inboxDialogsPerStatement} dialogs.
     */
    private CompletableFuture<Map<UUID, Row>> rowsByDialog(String table, String template, Object... values) {
        return session.executeAsync(statement(table, template).bind(values).setPageSize(inboxDialogsPerStatement))
                .toCompletableFuture()
                .thenApply(result -> {
                    Map<UUID, Row> rows = new HashMap<>();
                    for (Row row : result.currentPage()) {
                        rows.put(row.getUuid("dialog_id"), row);
                    }
                    return rows;
                });
    }

    private static Map<UUID, Row> joined(List<CompletableFuture<Map<UUID, Row>>> batches) {
        Map<UUID, Row> rows = new HashMap<>();
        batches.forEach(batch -> rows.putAll(batch.join()));
        return rows;
    }

    /**
     * Visits the rows of {@code range} bucket by bucket in the given direction until {@code visitor} says stop or
     * {@code max} rows were seen. Buckets are counted in {@code long}: an {@code int} counter wrapped around at
     * bucket 2^31 − 1 and never ended.
     */
    private void scan(UUID dialogId, SeqRange range, boolean ascending, int max, String select,
                      Predicate<Row> visitor) {
        if (range.bucketCount() == 0) {
            return;
        }
        String template = select + TIMELINE_RANGE + (ascending ? "" : " ORDER BY dialog_seq DESC");
        PreparedStatement statement = statement(timelineTable("timeline"), template);
        long step = ascending ? 1 : -1;
        long end = ascending ? range.lastBucket() : range.firstBucket();
        int seen = 0;
        for (long bucket = ascending ? range.firstBucket() : range.lastBucket(); ascending ? bucket <= end
                : bucket >= end; bucket += step) {
            for (Row row : session.execute(statement.bind(dialogId, (int) bucket, range.first(), range.last()))) {
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

    private PreparedStatement statement(String table, String template) {
        return prepared.computeIfAbsent(template.formatted(table), session::prepare);
    }

    private static int batchesOf(int items, int perBatch) {
        return (items + perBatch - 1) / perBatch;
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
