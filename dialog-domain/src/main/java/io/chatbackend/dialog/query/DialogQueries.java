package io.chatbackend.dialog.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Reads dialogs for members only: a non-member cannot tell a dialog from one that does not exist. */
@Component
public class DialogQueries {

    private final JdbcTemplate jdbc;

    public DialogQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DialogView> findForMember(UUID dialogId, UUID viewer) {
        if (!isMember(dialogId, viewer)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT type, title FROM dialog WHERE dialog_id = ?", (rs, n) -> new DialogView(dialogId,
                rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2), members(dialogId)), dialogId)
                .stream().findFirst();
    }

    public boolean exists(UUID dialogId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM dialog WHERE dialog_id = ?)",
                Boolean.class, dialogId));
    }

    public boolean isMember(UUID dialogId, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM dialog_member WHERE "
                + "dialog_id = ? AND user_id = ?)", Boolean.class, dialogId, userId));
    }

    /** The member's {@code joinedAtSeq}, or empty for a non-member (or an unknown dialog). */
    public OptionalLong joinedAtSeq(UUID dialogId, UUID userId) {
        List<Long> seqs = jdbc.queryForList("SELECT joined_at_seq FROM dialog_member WHERE dialog_id = ? "
                + "AND user_id = ?", Long.class, dialogId, userId);
        return seqs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(seqs.get(0));
    }

    /** A member of a dialog and where their history starts. */
    public record Membership(UUID dialogId, UUID userId, long joinedAtSeq) {
    }

    /**
     * A dialog of a user: where their history starts, and the dialog's last dialogSeq as the write side knows it
     * (0 before the first message), so a client that holds it has nothing to fetch.
     */
    public record UserDialog(UUID dialogId, UUID userId, long joinedAtSeq, long lastDialogSeq) {
    }

    /** Every dialog the user belongs to. */
    public List<UserDialog> dialogsOf(UUID userId) {
        return jdbc.query("SELECT m.dialog_id, m.joined_at_seq, d.last_dialog_seq FROM dialog_member m "
                        + "JOIN dialog d ON d.dialog_id = m.dialog_id WHERE m.user_id = ? ORDER BY m.dialog_id",
                (rs, n) -> new UserDialog(rs.getObject(1, UUID.class), userId, rs.getLong(2), rs.getLong(3)),
                userId);
    }

    /** Every member of the dialog. */
    public List<Membership> membersOf(UUID dialogId) {
        return jdbc.query("SELECT user_id, joined_at_seq FROM dialog_member WHERE dialog_id = ? ORDER BY user_id",
                (rs, n) -> new Membership(dialogId, rs.getObject(1, UUID.class), rs.getLong(2)), dialogId);
    }

    /** The dialog's last {@code dialogSeq} as the write side knows it (0 before the first message). */
    public long lastDialogSeq(UUID dialogId) {
        List<Long> seqs = jdbc.queryForList("SELECT last_dialog_seq FROM dialog WHERE dialog_id = ?", Long.class,
                dialogId);
        return seqs.isEmpty() ? 0 : seqs.get(0);
    }

    private List<DialogView.Member> members(UUID dialogId) {
        return jdbc.query("SELECT user_id, role, joined_at_seq FROM dialog_member WHERE dialog_id = ? "
                        + "ORDER BY joined_at_seq, user_id", (rs, n) -> new DialogView.Member(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), null), dialogId);
    }
}
