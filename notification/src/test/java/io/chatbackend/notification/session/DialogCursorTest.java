package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ordering and once-only rules of one dialog of one session, without threads or I/O. */
class DialogCursorTest {

    private final UUID dialog = UUID.randomUUID();
    private final DialogCursor cursor = new DialogCursor();

    @Test
    void aCursorKnowsNothingUntilAnchoredAndThenCoversWhatTheClientHas() {
        assertThat(cursor.anchored()).isFalse();
        assertThat(cursor.covers(0)).isFalse();
        cursor.anchorAt(3);
        assertThat(cursor.anchored()).isTrue();
        assertThat(cursor.covers(3)).isTrue();
        assertThat(cursor.covers(4)).isFalse();
        assertThat(cursor.highestSent()).as("a claim is no proof").isZero();
        cursor.anchorAtLeast(2);
        assertThat(cursor.lastSent()).as("the anchor only moves forward here").isEqualTo(3);
    }

    @Test
    void heldDeliveriesGoOutInDialogSeqOrderEachOnce() {
        cursor.anchorAt(0);
        cursor.hold(message(3), 64);
        cursor.hold(message(1), 64);
        cursor.hold(message(2), 64);
        cursor.hold(message(1), 64);

        assertThat(drain(false)).containsExactly(1L, 2L, 3L);
        assertThat(cursor.holdsAny()).isFalse();
        assertThat(cursor.highestSent()).isEqualTo(3);
    }

    @Test
    void aHoleStopsTheLivePathAndOnlyAcrossHolesSendsBeyondIt() {
        cursor.anchorAt(0);
        cursor.hold(message(1), 64);
        cursor.hold(message(3), 64);

        assertThat(drain(false)).containsExactly(1L);
        assertThat(cursor.hasHole()).isTrue();
        assertThat(drain(true)).as("what history could not fill goes out with its hole visible").containsExactly(3L);
        assertThat(cursor.hasHole()).isFalse();
    }

    @Test
    void deliveriesAtOrBelowWhatWasSentAreDroppedEvenWhenHeldBefore() {
        cursor.anchorAt(0);
        cursor.hold(message(2), 64);
        cursor.hold(message(3), 64);
        cursor.sent(1); // history sent 1 and 2 meanwhile
        cursor.sent(2);

        assertThat(drain(false)).containsExactly(3L);
        cursor.hold(message(2), 64);
        assertThat(cursor.next(true)).isNull();
        assertThat(cursor.hasHole()).isFalse();
    }

    @Test
    void heldDeliveriesAreBoundedByLettingTheHighestGo() {
        cursor.anchorAt(0);
        cursor.hold(message(5), 2);
        cursor.hold(message(6), 2);
        cursor.hold(message(7), 2); // beyond the bound and the highest: let go
        cursor.hold(message(2), 2); // lower: kept, the highest held one is let go

        assertThat(drain(true)).containsExactly(2L, 5L);
    }

    private List<Long> drain(boolean acrossHoles) {
        List<Long> sent = new ArrayList<>();
        FrameBody.Message next;
        while ((next = cursor.next(acrossHoles)) != null) {
            cursor.sentHeld(next);
            sent.add(next.dialogSeq());
        }
        return sent;
    }

    private FrameBody.Message message(long dialogSeq) {
        return new FrameBody.Message(dialog, Long.toString(dialogSeq), UUID.randomUUID(), dialogSeq, dialogSeq,
                new FrameBody.Message.Body("text", "m" + dialogSeq), Instant.now());
    }
}
