package io.chatbackend.notification.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One session's ordering, once-only and resume rules, against a history in memory (no HTTP server). */
class LiveSessionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final InMemoryHistory dialogs = new InMemoryHistory();
    private final RecentMessages recent = new RecentMessages(1 << 20, 64, () -> 1);
    private final UUID user = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final UUID dialog = UUID.randomUUID();
    private final SessionOutbox outbox = new SessionOutbox(64, () -> {
    });
    private final LiveSession session = new LiveSession("s", user, "d", outbox, dialogs, recent,
            new LiveSession.Settings(200, Duration.ofMillis(150), 64), () -> {
            });
    private final List<ServerFrame> written = new ArrayList<>();

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void liveMessagesGoOutInDialogSeqOrderOnceEvenWhenTheyArriveOutOfOrder() {
        dialogs.join(dialog, user);
        resumedWithNothing();
        long one = dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two");
        long three = dialogs.append(dialog, other, "three");

        session.deliver(message(three));
        session.deliver(message(one));
        session.deliver(message(one));
        session.deliver(message(two));
        session.deliver(message(three));

        assertThat(dialogSeqs()).containsExactly(one, two, three);
    }

    @Test
    void aHoleThatStaysOpenIsRepairedFromHistoryAndOneHistoryCannotFillIsSentVisible() {
        dialogs.join(dialog, user);
        resumedWithNothing();
        long one = dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two"); // its delivery is lost on the way; history has it
        long three = dialogs.appendLagging(dialog, other, "three"); // neither delivered nor in history yet
        long four = dialogs.append(dialog, other, "four");
        session.deliver(message(one));
        session.deliver(message(four));
        assertThat(dialogSeqs()).containsExactly(one);

        // after the hole wait: two from history; three is nowhere, so four follows with the hole visible
        await().atMost(PATIENCE).until(() -> dialogSeqs().size() == 3);
        assertThat(dialogSeqs()).containsExactly(one, two, four);
        session.deliver(message(three));
        assertThat(dialogSeqs()).as("too late for this session: the client sees the hole and pages history")
                .containsExactly(one, two, four);
    }

    @Test
    void deliveriesBeforeTheResumeAreHeldAndJoinTheCatchUpWithoutHoleOrDuplicate() {
        dialogs.join(dialog, user);
        long one = dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two");
        long three = dialogs.appendLagging(dialog, other, "three"); // live, but not in history yet
        session.deliver(message(two));
        session.deliver(message(three));
        assertThat(dialogSeqs()).as("nothing before the first resume").isEmpty();

        session.resume(Map.of());
        await().atMost(PATIENCE).until(() -> dialogSeqs().size() == 3);
        long four = dialogs.append(dialog, other, "four");
        session.deliver(message(four));
        assertThat(dialogSeqs()).containsExactly(one, two, three, four);
        assertThat(written).extracting(ServerFrame::sessionSeq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aResumeSendsOnlyWhatTheClientLacksAndADialogJoinedLaterIsCaughtUpFromTheJoin() {
        dialogs.join(dialog, user);
        dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two");
        session.resume(Map.of(dialog, 1L));
        await().atMost(PATIENCE).until(() -> dialogSeqs().size() == 1);
        assertThat(dialogSeqs()).containsExactly(two);

        UUID later = UUID.randomUUID();
        dialogs.join(later, other);
        dialogs.append(later, other, "before the join");
        long joinedAt = dialogs.join(later, user);
        long first = dialogs.append(later, other, "after the join");
        session.deliver(message(later, first));
        await().atMost(PATIENCE).until(() -> dialogSeqs().size() == 2);
        session.joined(later, joinedAt);
        assertThat(frames()).extracting(frame -> ((FrameBody.Message) frame.body()).body().text())
                .containsExactly("two", "after the join");
    }

    @Test
    void onlyMessagesTheSessionSentProveADialogSeqNotWhatTheClientClaimed() {
        dialogs.join(dialog, user);
        long one = dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two");
        session.resume(Map.of(dialog, 1_000L)); // a client's claim, far beyond the dialog
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(session.hasSent(dialog, 1)).isFalse();

        session.resume(Map.of(dialog, one)); // the client has one: two comes from history
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(dialogSeqs()).containsExactly(two);
        assertThat(session.hasSent(dialog, two)).isTrue();
        assertThat(session.hasSent(dialog, one)).as("below what was sent").isTrue();
        assertThat(session.hasSent(dialog, two + 1)).isFalse();
        assertThat(session.hasSent(UUID.randomUUID(), 1)).isFalse();

        long three = dialogs.appendLagging(dialog, other, "three"); // delivered live, not in history yet
        session.deliver(message(three));
        assertThat(session.hasSent(dialog, three)).isTrue();
    }

    @Test
    void aCatchUpLongerThanTheOutboxSpansPagesAndWaitsForRoomInsteadOfDroppingFrames() {
        SessionOutbox small = new SessionOutbox(4, () -> {
            throw new AssertionError("a catch-up never overflows the outbox");
        });
        LiveSession paced = new LiveSession("p", user, "d", small, dialogs, recent,
                new LiveSession.Settings(5, Duration.ofMillis(150), 64), () -> {
                });
        try {
            dialogs.join(dialog, user);
            List<Long> appended = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                appended.add(dialogs.append(dialog, other, "m" + i));
            }
            paced.resume(Map.of());
            List<Long> received = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                ServerFrame frame;
                while ((frame = small.poll()) != null) {
                    if (frame.body() instanceof FrameBody.Message message) {
                        received.add(message.dialogSeq());
                    }
                }
                return received.size() == appended.size();
            });
            assertThat(received).containsExactlyElementsOf(appended);
        } finally {
            paced.close();
        }
    }

    @Test
    void aResumeOfRecentHistoryTheNodeHoldsIsAnsweredWithoutDialogDomainAndOneItDoesNotIsAskedThere() {
        dialogs.join(dialog, user);
        long one = dialogs.append(dialog, other, "one");
        long two = dialogs.append(dialog, other, "two");
        long three = dialogs.append(dialog, other, "three");
        for (long seq : List.of(one, two, three)) {
            recent.delivered(message(seq)); // the node delivered them to other sessions
        }

        session.resume(Map.of(dialog, one));
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(dialogSeqs()).containsExactly(two, three);
        assertThat(dialogs.pageCalls()).as("answered from the node's recent messages").isZero();

        UUID older = UUID.randomUUID(); // nothing of it held here
        dialogs.join(older, user);
        long first = dialogs.append(older, other, "first");
        session.resume(Map.of(dialog, three));
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(dialogs.pageCalls()).isEqualTo(1);
        assertThat(frames()).extracting(frame -> ((FrameBody.Message) frame.body()).dialogSeq())
                .containsExactly(two, three, first);
        recent.delivered(message(older, dialogs.append(older, other, "second")));
        assertThat(recent.after(older, 0, 10)).as("the page fetched fills the gap before what came live")
                .isNotNull();
    }

    @Test
    void aResumeAsksNoHistoryForDialogsTheClientHasTheLastMessageOfAndStillSendsWhatArrivedMeanwhile() {
        UUID quiet = UUID.randomUUID();
        UUID empty = UUID.randomUUID();
        dialogs.join(dialog, user);
        dialogs.join(quiet, user);
        dialogs.join(empty, user);
        long one = dialogs.append(dialog, other, "one");
        long quietOne = dialogs.append(quiet, other, "quiet one");
        long two = dialogs.append(dialog, other, "two");
        session.deliver(message(dialog, two)); // arrives before the resume: held

        session.resume(Map.of(dialog, one, quiet, quietOne));
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(dialogs.pageCalls()).as("only the dialog with a message after what the client has").isEqualTo(1);
        assertThat(dialogSeqs()).containsExactly(two);

        long quietTwo = dialogs.append(quiet, other, "quiet two");
        session.deliver(message(quiet, quietTwo));
        long emptyFirst = dialogs.append(empty, other, "first");
        session.deliver(message(empty, emptyFirst));
        assertThat(frames()).extracting(frame -> ((FrameBody.Message) frame.body()).body().text())
                .as("two from history (the held copy is not sent twice), then live")
                .containsExactly("two", "live " + quietTwo, "live " + emptyFirst);

        dialogs.withoutLastDialogSeq(); // a dialog-domain that does not say: every dialog is asked
        session.resume(Map.of(dialog, two, quiet, quietTwo, empty, emptyFirst));
        await().atMost(PATIENCE).until(session::isSettled);
        assertThat(dialogs.pageCalls()).isEqualTo(1 + 3);
        assertThat(dialogSeqs()).hasSize(3);
    }

    private void resumedWithNothing() {
        session.resume(Map.of());
        await().atMost(PATIENCE).until(session::isSettled);
    }

    private FrameBody.Message message(long dialogSeq) {
        return message(dialog, dialogSeq);
    }

    private FrameBody.Message message(UUID dialogId, long dialogSeq) {
        return new FrameBody.Message(dialogId, Long.toString(dialogSeq), other, dialogSeq, dialogSeq,
                new FrameBody.Message.Body("text", "live " + dialogSeq), Instant.now());
    }

    private synchronized List<ServerFrame> frames() {
        ServerFrame frame;
        while ((frame = outbox.poll()) != null) {
            written.add(frame);
        }
        return written.stream().filter(f -> f.body() instanceof FrameBody.Message).toList();
    }

    private List<Long> dialogSeqs() {
        return frames().stream().map(frame -> ((FrameBody.Message) frame.body()).dialogSeq()).toList();
    }
}
