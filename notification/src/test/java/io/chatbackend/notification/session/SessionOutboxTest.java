package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOutboxTest {

    private final AtomicInteger overflows = new AtomicInteger();

    @Test
    void everyFrameGetsTheNextSessionSeqInOrder() {
        SessionOutbox outbox = new SessionOutbox(10, overflows::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            outbox.offer(new FrameBody.Pong());
        }
        assertThat(drain(outbox)).extracting(ServerFrame::sessionSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
        outbox.offer(new FrameBody.Pong());
        assertThat(drain(outbox)).extracting(ServerFrame::sessionSeq).containsExactly(6L);
    }

    @Test
    void overflowDropsFramesButSpendsTheirNumbersThenReportsTheGapWhenThereIsRoom() {
        SessionOutbox outbox = new SessionOutbox(3, overflows::incrementAndGet);
        for (int i = 0; i < 7; i++) {
            outbox.offer(new FrameBody.Pong()); // 1..3 queued, 4..7 dropped
        }
        assertThat(overflows).hasValue(4);
        assertThat(outbox.lastSessionSeq()).isEqualTo(7);

        ServerFrame first = outbox.poll(); // room again: the gap frame is queued behind 2 and 3
        outbox.offer(new FrameBody.Pong()); // queue full again (2, 3, gap): dropped, a new hole (9)
        List<ServerFrame> rest = drain(outbox);
        outbox.offer(new FrameBody.Pong());
        rest.addAll(drain(outbox));

        List<ServerFrame> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        assertThat(all).extracting(ServerFrame::sessionSeq).containsExactly(1L, 2L, 3L, 8L, 10L, 11L);
        assertThat(all.get(3).body()).isEqualTo(new FrameBody.Gap(4, 7));
        assertThat(all.get(4).body()).isEqualTo(new FrameBody.Gap(9, 9));
        assertThat(all.get(5).body()).isInstanceOf(FrameBody.Pong.class);
        assertThat(overflows).hasValue(5);
    }

    @Test
    void aGapIsQueuedBeforeTheNextFrameWhenTheQueueHasRoom() {
        SessionOutbox outbox = new SessionOutbox(1, overflows::incrementAndGet);
        outbox.offer(new FrameBody.Pong()); // 1
        outbox.offer(new FrameBody.Pong()); // 2 dropped
        assertThat(outbox.poll().sessionSeq()).isEqualTo(1); // room: the gap (3) takes it
        assertThat(outbox.poll().body()).isEqualTo(new FrameBody.Gap(2, 2));
        outbox.offer(new FrameBody.Pong()); // 4
        assertThat(drain(outbox)).extracting(ServerFrame::sessionSeq).containsExactly(4L);
    }

    @Test
    void tryOfferRefusesWithoutSpendingANumberAndRoomWaitersAreToldWhenAFrameIsTaken() {
        SessionOutbox outbox = new SessionOutbox(2, overflows::incrementAndGet);
        assertThat(outbox.tryOffer(new FrameBody.Pong())).isTrue();
        assertThat(outbox.tryOffer(new FrameBody.Pong())).isTrue();
        assertThat(outbox.tryOffer(new FrameBody.Pong())).isFalse();
        assertThat(outbox.lastSessionSeq()).isEqualTo(2);
        assertThat(overflows).hasValue(0);

        AtomicInteger told = new AtomicInteger();
        outbox.whenRoom(told::incrementAndGet);
        assertThat(told).as("no room yet").hasValue(0);
        outbox.poll();
        assertThat(told).hasValue(1);
        outbox.whenRoom(told::incrementAndGet);
        assertThat(told).as("room now: told at once").hasValue(2);
    }

    @Test
    void aClosedOutboxTakesNothingAndReleasesWaiters() {
        SessionOutbox outbox = new SessionOutbox(1, overflows::incrementAndGet);
        outbox.offer(new FrameBody.Pong());
        AtomicInteger told = new AtomicInteger();
        outbox.whenRoom(told::incrementAndGet);
        outbox.close();
        assertThat(told).hasValue(1);
        assertThat(outbox.offer(new FrameBody.Pong())).isFalse();
        assertThat(outbox.poll()).isNull();
    }

    @Test
    void theWriterTakesFramesOnlyAsFastAsItAsks() {
        SessionOutbox outbox = new SessionOutbox(4, overflows::incrementAndGet);
        List<ServerFrame> written = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        var subscriber = new reactor.core.publisher.BaseSubscriber<List<ServerFrame>>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(List<ServerFrame> batch) {
                batches.add(batch.size());
                written.addAll(batch);
            }
        };
        OutboxFlux.of(outbox, 3).subscribe(subscriber);
        for (int i = 0; i < 6; i++) {
            outbox.offer(new FrameBody.Pong());
        }
        assertThat(written).extracting(ServerFrame::sessionSeq).containsExactly(1L);
        assertThat(outbox.size()).as("2..5 wait, 6 was dropped").isEqualTo(4);
        subscriber.request(10);
        assertThat(written).extracting(ServerFrame::sessionSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 7L);
        assertThat(written.get(5).body()).isEqualTo(new FrameBody.Gap(6, 6));
        assertThat(batches).as("what was waiting goes in batches of at most 3").containsExactly(1, 3, 2);
        subscriber.dispose();
    }

    private static List<ServerFrame> drain(SessionOutbox outbox) {
        List<ServerFrame> frames = new ArrayList<>();
        ServerFrame frame;
        while ((frame = outbox.poll()) != null) {
            frames.add(frame);
        }
        return frames;
    }
}
