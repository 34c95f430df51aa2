package io.chatbackend.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * A tracking processor's source that lets each batch gather (ADR 0031): when the processor asks for events and they
 * come, it waits {@code linger} before answering, so that what arrives meanwhile goes into the same batch — one
 * unit of work, one token update and one await of the projection's writes for many events instead of one each. For
 * processors whose readers bear the linger as lag (read models nobody waits on right after a send); never for
 * the relay that publishes to Kafka.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final Duration linger;

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger) {
        this.source = Objects.requireNonNull(source, "source");
        this.linger = Objects.requireNonNull(linger, "linger");
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new LingeringStream(source.openStream(token), linger);
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    /** Waits the linger only when the processor waits for a batch (a timeout); peeks inside a batch never wait. */
    private record LingeringStream(BlockingStream<TrackedEventMessage<?>> stream, Duration linger)
            implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0) {
                return stream.hasNextAvailable(timeout, unit);
            }
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            Thread.sleep(linger.toMillis());
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
