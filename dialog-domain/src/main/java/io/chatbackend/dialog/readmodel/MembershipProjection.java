package io.chatbackend.dialog.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.dialog.command.ReadWatermarkAdvancedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Projects dialog-domain's own events into dialogs, members, each user's dialogs and read watermarks. Membership
 * rows are written with the dialog stream's sequence number as their write timestamp (so a late replay of a join
 * cannot undo a later leave), watermarks with the watermark itself (so they only move forward; sending moves the
 * sender's, marking read moves the reader's, and the higher wins).
 */
public class MembershipProjection {

    private static final String INSERT_DIALOG = "INSERT INTO %s (dialog_id, type, title, created_by, created_at) "
            + "VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?";
    private static final String INSERT_MEMBER = "INSERT INTO %s (dialog_id, user_id, role, joined_at_seq) "
            + "VALUES (?, ?, ?, ?) USING TIMESTAMP ?";
    private static final String DELETE_MEMBER = "DELETE FROM %s USING TIMESTAMP ? WHERE dialog_id = ? "
            + "AND user_id = ?";
    private static final String INSERT_USER_DIALOG = "INSERT INTO %s (user_id, dialog_id, joined_at_seq) "
            + "VALUES (?, ?, ?) USING TIMESTAMP ?";
    private static final String DELETE_USER_DIALOG = "DELETE FROM %s USING TIMESTAMP ? WHERE user_id = ? "
            + "AND dialog_id = ?";
    private static final String UPDATE_WATERMARK = "UPDATE %s USING TIMESTAMP ? SET read_seq = ? "
            + "WHERE dialog_id = ? AND user_id = ?";

    private final CqlWriter writer;

    public MembershipProjection(CqlSession session) {
        this.writer = new CqlWriter(session);
    }

    /**
     * Starts the writes for one event without waiting. Writes of different events may run in any order (their
     * timestamps decide), so a replay can keep many in flight.
     */
    public List<CompletableFuture<?>> writes(EventMessage<?> message, Function<String, List<String>> tables) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        Object event = message.getPayload();
        // +1: a write timestamp of 0 would lose against nothing, but the first event of a stream has sequence 0
        long streamTimestamp = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() + 1 : 1;
        if (event instanceof DialogCreatedEvent created) {
            write(writes, tables.apply("dialog_by_id"), INSERT_DIALOG, UUID.fromString(created.dialogId()),
                    created.type().name().toLowerCase(Locale.ROOT), created.title(), created.createdBy(),
                    created.createdAt(), streamTimestamp);
        } else if (event instanceof MemberJoinedEvent joined) {
            UUID dialogId = UUID.fromString(joined.dialogId());
            write(writes, tables.apply("members_by_dialog"), INSERT_MEMBER, dialogId, joined.userId(),
                    joined.role().name(), joined.joinedAtSeq(), streamTimestamp);
            write(writes, tables.apply("dialogs_by_user"), INSERT_USER_DIALOG, joined.userId(), dialogId,
                    joined.joinedAtSeq(), streamTimestamp);
        } else if (event instanceof MemberLeftEvent left) {
            UUID dialogId = UUID.fromString(left.dialogId());
            write(writes, tables.apply("members_by_dialog"), DELETE_MEMBER, streamTimestamp, dialogId, left.userId());
            write(writes, tables.apply("dialogs_by_user"), DELETE_USER_DIALOG, streamTimestamp, left.userId(),
                    dialogId);
        } else if (event instanceof MessageAppendedEvent appended) {
            write(writes, tables.apply("read_watermarks"), UPDATE_WATERMARK, appended.dialogSeq(),
                    appended.dialogSeq(), UUID.fromString(appended.dialogId()), appended.senderId());
        } else if (event instanceof ReadWatermarkAdvancedEvent advanced) {
            write(writes, tables.apply("read_watermarks"), UPDATE_WATERMARK, advanced.readSeq(), advanced.readSeq(),
                    UUID.fromString(advanced.dialogId()), advanced.userId());
        }
        return writes;
    }

    private void write(List<CompletableFuture<?>> writes, List<String> tables, String template, Object... values) {
        for (String table : tables) {
            writes.add(writer.execute(table, template, values).toCompletableFuture());
        }
    }
}
