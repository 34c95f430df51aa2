package io.chatbackend.notification.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer's side of a {@link SessionOutbox}: a Flux of batches that takes frames out of the outbox only as fast as
 * the subscriber asks for them. The socket writer asks for one batch at a time and only after the previous one was
 * written, so a slow client leaves frames in the bounded outbox (where overflow is handled) instead of in an
 * unbounded buffer further down. A batch is what the outbox holds at that moment (at most {@code maxBatch} frames):
 * one frame when the session keeps up, many when it is catching up, and those are written with one flush instead of
 * one each (a flush per frame was a fifth of a node's samples in a reconnect storm).
 */
final class OutboxFlux {

    private OutboxFlux() {
    }

    static Flux<List<ServerFrame>> of(SessionOutbox outbox, int maxBatch) {
        return Flux.create(sink -> {
            Drain drain = new Drain(outbox, sink, maxBatch);
            outbox.onFrame(drain::run);
            sink.onRequest(ignored -> drain.run());
            sink.onDispose(outbox::close);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** Emits while there is demand and frames; re-entrant calls (from other threads or from inside) loop instead. */
    private static final class Drain {

        private final SessionOutbox outbox;
        private final FluxSink<List<ServerFrame>> sink;
        private final int maxBatch;
        private final AtomicInteger wip = new AtomicInteger();

        Drain(SessionOutbox outbox, FluxSink<List<ServerFrame>> sink, int maxBatch) {
            this.outbox = outbox;
            this.sink = sink;
            this.maxBatch = maxBatch;
        }

        void run() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                    ServerFrame frame = outbox.poll();
                    if (frame == null) {
                        break;
                    }
                    List<ServerFrame> batch = new ArrayList<>();
                    batch.add(frame);
                    while (batch.size() < maxBatch && (frame = outbox.poll()) != null) {
                        batch.add(frame);
                    }
                    sink.next(batch);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
