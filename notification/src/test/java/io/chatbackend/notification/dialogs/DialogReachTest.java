package io.chatbackend.notification.dialogs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DialogReachTest {

    private final UUID dialog = UUID.randomUUID();

    @Test
    void aMessageAtOrAfterTheSeqMeansReached() {
        assertThat(DialogReach.of(page(5), 5)).isEqualTo(DialogReach.REACHED);
        assertThat(DialogReach.of(page(9), 5)).as("e.g. the viewer joined after 5").isEqualTo(DialogReach.REACHED);
    }

    @Test
    void noMessageThatFarMeansNotReached() {
        assertThat(DialogReach.of(page(), 5)).isEqualTo(DialogReach.NOT_REACHED);
        assertThat(DialogReach.of(page(4), 5)).as("an earlier item proves nothing").isEqualTo(DialogReach.NOT_REACHED);
    }

    @Test
    void aNonMemberIsToldApart() {
        assertThat(DialogReach.of(HistoryPage.notAMember(), 1)).isEqualTo(DialogReach.NOT_A_MEMBER);
    }

    private HistoryPage page(long... dialogSeqs) {
        List<HistoryItem> items = java.util.Arrays.stream(dialogSeqs).mapToObj(seq -> new HistoryItem("1", dialog,
                UUID.randomUUID(), 1, seq, new HistoryItem.Body("text", "x"), Instant.now(), 1)).toList();
        return new HistoryPage(items, false, 1, true);
    }
}
