package io.chatbackend.notification.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer's side of a {@link SessionOutbox}: a Flux that takes frames out of the outbox only as fast as the
 * subscriber asks for them. The socket writer asks for one frame at a time and only after the previous one was
 * written, so a slow client leaves frames in the bounded outbox (where overflow is handled) instead of in an
 * unbounded buffer further down.
 */
final class OutboxFlux {

    private OutboxFlux() {
    }

    static Flux<ServerFrame> of(SessionOutbox outbox) {
        return Flux.create(sink -> {
            Drain drain = new Drain(outbox, sink);
            outbox.onFrame(drain::run);
            sink.onRequest(ignored -> drain.run());
            sink.onDispose(outbox::close);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** Emits while there is demand and frames; re-entrant calls (from other threads or from inside) loop instead. */
    private static final class Drain {

        private final SessionOutbox outbox;
        private final FluxSink<ServerFrame> sink;
        private final AtomicInteger wip = new AtomicInteger();

        Drain(SessionOutbox outbox, FluxSink<ServerFrame> sink) {
            this.outbox = outbox;
            this.sink = sink;
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
                    sink.next(frame);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
