package io.chatbackend.dialog.query;

import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.platform.axon.BeforeCommit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Who belongs to which dialog, in dialog-domain's own tables, updated in the same transaction as the dialog's
 * events (a subscribing processor), so the send path's membership check and the API's 404s are never stale.
 */
@Component
@ProcessingGroup(DialogMembershipProjection.GROUP)
class DialogMembershipProjection {

    static final String GROUP = "dialog-membership";
    private static final String LAST_SEQS = DialogMembershipProjection.class.getName() + ".lastSeqs";

    private final JdbcTemplate jdbc;

    DialogMembershipProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DialogCreatedEvent event) {
        jdbc.update("INSERT INTO dialog (dialog_id, type, title, created_by, created_at) VALUES (?::uuid, ?, ?, ?, ?) "
                        + "ON CONFLICT (dialog_id) DO NOTHING", event.dialogId(), event.type().name(), event.title(),
                event.createdBy(), Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(MemberJoinedEvent event) {
        jdbc.update("INSERT INTO dialog_member (dialog_id, user_id, role, joined_at_seq) VALUES (?::uuid, ?, ?, ?) "
                        + "ON CONFLICT (dialog_id, user_id) DO UPDATE SET role = EXCLUDED.role, "
                        + "joined_at_seq = EXCLUDED.joined_at_seq", event.dialogId(), event.userId(),
                event.role().name(), event.joinedAtSeq());
    }

    /**
     * The dialogs' last sequences move once per batch of events (a group commit appends many messages), with the
     * highest sequence of each dialog, in one statement just before the batch commits.
     */
    @EventHandler
    void on(MessageAppendedEvent event, UnitOfWork<?> batch) {
        // one order for every batch (a sorted map): their row locks cannot deadlock
        Map<String, Long> lastSeqs = BeforeCommit.collect(batch, LAST_SEQS, TreeMap::new, this::advance);
        lastSeqs.merge(event.dialogId(), event.dialogSeq(), Math::max);
    }

    private void advance(Map<String, Long> lastSeqs) {
        jdbc.update("UPDATE dialog d SET last_dialog_seq = v.seq FROM unnest(?::uuid[], ?::bigint[]) AS v(id, seq) "
                        + "WHERE d.dialog_id = v.id AND d.last_dialog_seq < v.seq",
                lastSeqs.keySet().stream().map(UUID::fromString).toArray(UUID[]::new),
                lastSeqs.values().toArray(Long[]::new));
    }

    @EventHandler
    void on(MemberLeftEvent event) {
        jdbc.update("DELETE FROM dialog_member WHERE dialog_id = ?::uuid AND user_id = ?", event.dialogId(),
                event.userId());
    }
}
