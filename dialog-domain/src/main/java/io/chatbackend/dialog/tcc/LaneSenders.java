package io.chatbackend.dialog.tcc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may send to a dialog: a member, unless the dialog is direct and the other member has blocked them; then they
 * are refused as a non-member is, so the sender learns nothing a stranger would not (ADR 0024). A batch of attempts
 * asks once for all of them.
 */
@Component
class LaneSenders {

    /** The subjects (arrays of dialog ids and senders, with their ordinality) whose sender may send. */
    static final String MAY_SEND = "SELECT v.i FROM unnest(?::text[], ?::uuid[]) WITH ORDINALITY AS v(dialog_id, "
            + "sender_id, i) WHERE EXISTS (SELECT 1 FROM dialog_member m WHERE m.dialog_id = v.dialog_id::uuid "
            + "AND m.user_id = v.sender_id) AND NOT EXISTS (SELECT 1 FROM dialog d JOIN dialog_member peer "
            + "ON peer.dialog_id = d.dialog_id JOIN user_block b ON b.blocker_id = peer.user_id "
            + "WHERE d.dialog_id = v.dialog_id::uuid AND d.type = 'DIRECT' AND peer.user_id <> v.sender_id "
            + "AND b.blocked_id = v.sender_id)";

    private final JdbcTemplate jdbc;

    LaneSenders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean maySend(LaneSubject subject) {
        return maySend(List.of(subject))[0];
    }

    /** For each subject, in order, whether its sender may send to its dialog. */
    boolean[] maySend(List<LaneSubject> subjects) {
        boolean[] allowed = new boolean[subjects.size()];
        if (subjects.isEmpty()) {
            return allowed;
        }
        Set<Long> ordinals = new HashSet<>(jdbc.queryForList(MAY_SEND, Long.class,
                subjects.stream().map(LaneSubject::dialogId).toArray(String[]::new),
                subjects.stream().map(LaneSubject::senderId).toArray(UUID[]::new)));
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = ordinals.contains(i + 1L);
        }
        return allowed;
    }
}
