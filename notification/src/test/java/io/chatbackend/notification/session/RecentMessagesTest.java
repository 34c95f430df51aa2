package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's recent messages answer only what they hold completely, within their bounds. */
class RecentMessagesTest {

    private final UUID dialog = UUID.randomUUID();
    private final AtomicLong epoch = new AtomicLong(1);
    private final RecentMessages recent = new RecentMessages(1 << 20, 100, epoch::get);

    @Test
    void messagesAfterASeqUpToTheNewestDeliveredAreAnsweredInPagesInOrder() {
        for (long seq = 5; seq >= 1; seq--) {
            recent.delivered(message(dialog, seq));
        }
        RecentMessages.Page first = recent.after(dialog, 1, 3);
        assertThat(seqs(first)).containsExactly(2L, 3L, 4L);
        assertThat(first.hasMore()).isTrue();
        RecentMessages.Page last = recent.after(dialog, 4, 3);
        assertThat(seqs(last)).containsExactly(5L);
        assertThat(last.hasMore()).isFalse();
        assertThat(seqs(recent.after(dialog, 5, 3))).as("nothing newer delivered: an empty, complete answer")
                .isEmpty();
        assertThat(recent.answered()).isEqualTo(3);
    }

    @Test
    void aHoleBeforeTheNewestDeliveredIsLeftToDialogDomainAndHistoryFillsIt() {
        recent.delivered(message(dialog, 3));
        recent.delivered(message(dialog, 4));
        recent.delivered(message(dialog, 6));
        assertThat(recent.after(dialog, 1, 10)).as("2 never reached the node").isNull();
        assertThat(recent.after(dialog, 2, 10)).as("5 is missing before the newest delivered").isNull();
        assertThat(seqs(recent.after(dialog, 5, 10))).containsExactly(6L);
        assertThat(recent.after(UUID.randomUUID(), 0, 10)).isNull();

        recent.fetched(message(dialog, 2));
        recent.fetched(message(dialog, 5));
        assertThat(seqs(recent.after(dialog, 1, 10))).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(recent.declined()).isEqualTo(3);
    }

    @Test
    void historyAloneNeverAnswersForItDoesNotSayWhatIsNewest() {
        for (long seq = 1; seq <= 5; seq++) {
            recent.fetched(message(dialog, seq)); // a page of history with more after it, on a node just started
        }
        assertThat(recent.after(dialog, 5, 10)).isNull();
        assertThat(recent.after(dialog, 0, 10)).isNull();
    }

    @Test
    void eachDialogKeepsItsNewestMessagesAndTheLeastRecentlyUsedDialogGoesFirst() {
        RecentMessages small = new RecentMessages(600, 2, epoch::get); // a message here takes about 242 bytes
        UUID other = UUID.randomUUID();
        for (long seq = 1; seq <= 3; seq++) {
            small.delivered(message(dialog, seq));
        }
        assertThat(small.after(dialog, 0, 10)).as("1 was let go").isNull();
        assertThat(seqs(small.after(dialog, 1, 10))).containsExactly(2L, 3L);
        small.delivered(message(other, 1)); // over the budget: the dialog used least recently goes
        assertThat(small.after(dialog, 1, 10)).isNull();
        assertThat(seqs(small.after(other, 0, 10))).containsExactly(1L);
    }

    @Test
    void aNewEpochOfTheReadModelEmptiesEverything() {
        recent.delivered(message(dialog, 1));
        epoch.incrementAndGet();
        assertThat(recent.after(dialog, 0, 10)).isNull();
        assertThat(recent.size()).isZero();
    }

    private static List<Long> seqs(RecentMessages.Page page) {
        return page.messages().stream().map(FrameBody.Message::dialogSeq).toList();
    }

    private static FrameBody.Message message(UUID dialog, long seq) {
        return new FrameBody.Message(dialog, "m" + seq, UUID.randomUUID(), seq, seq,
                new FrameBody.Message.Body("text", "m"), Instant.now());
    }
}
