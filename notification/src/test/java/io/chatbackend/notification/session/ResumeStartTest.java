package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.UserDialog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ResumeStartTest {

    private final UUID moved = UUID.randomUUID();
    private final UUID held = UUID.randomUUID();
    private final UUID joinedLate = UUID.randomUUID();
    private final UUID unknown = UUID.randomUUID();

    @Test
    void historyIsAskedOnlyForDialogsWithAMessageAfterWhatTheClientHoldsOrWhenThatIsNotKnown() {
        List<ResumeStart> starts = ResumeStart.of(List.of(
                new UserDialog(moved, 1, 9L),
                new UserDialog(held, 1, 7L),
                new UserDialog(joinedLate, 20, 19L),
                new UserDialog(unknown, 1, null)), Map.of(moved, 7L, held, 7L, unknown, 3L));

        assertThat(starts).containsExactly(
                new ResumeStart(moved, 7, true),
                new ResumeStart(held, 7, false),
                new ResumeStart(joinedLate, 19, false), // nothing since the join: the client holds all it may see
                new ResumeStart(unknown, 3, true));
    }

    @Test
    void neverFromBeforeTheJoinWhateverTheClientClaims() {
        assertThat(ResumeStart.of(List.of(new UserDialog(joinedLate, 20, 25L)), Map.of(joinedLate, 4L)))
                .containsExactly(new ResumeStart(joinedLate, 19, true));
        assertThat(ResumeStart.of(List.of(new UserDialog(held, 1, 5L)), Map.of(held, 1_000L)))
                .as("a claim beyond the dialog asks nothing").containsExactly(new ResumeStart(held, 1_000, false));
    }
}
