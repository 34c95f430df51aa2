package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.ticket.WsTicket;
import io.micrometer.core.instrument.Counter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code GET /ws}: one live session per connection, opened with a ticket that {@link TicketHandshakeService} checked
 * before the upgrade. Sends {@code welcome} first; then whatever the session produces, in batches of what the outbox
 * holds at that moment (up to {@link #WRITE_BATCH} frames, one flush each), each batch written before the next is
 * taken from the bounded outbox (so a slow client's backlog stays in the outbox, where it overflows visibly, instead
 * of piling up in Netty). Ends when the client closes or a write fails.
 *
 * <p>Inbound frames are bounded twice: in size by Netty (see {@code SessionConfiguration}: a larger frame
 * closes the session with 1009 before it is buffered) and in rate here ({@link InboundGuard}: an error frame
 * {@code RATE_LIMITED}, then close 1008).
 */
public final class DeliveryWebSocketHandler implements WebSocketHandler {

    /** 1008 after a client sent too many frames. */
    static final CloseStatus TOO_MANY_FRAMES = CloseStatus.POLICY_VIOLATION.withReason("too many frames");
    /** 1009 after a client sent a frame (or a fragmented message) beyond the size limit. */
    static final CloseStatus FRAME_TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too big");
    /**
     * How long the farewell error frame may take to be written before the socket is closed without it (the client
     * stopped reading). It waits behind the frames the flood itself queued (a pong per ping), so on a busy node one
     * second was sometimes too short and a reading client lost its farewell; five seconds of a socket is what a
     * client that stops reading costs at most.
     */
    private static final Duration FAREWELL_GRACE = Duration.ofSeconds(5);
    /** Frames written with one flush at most (what the outbox holds at that moment, up to this). */
    static final int WRITE_BATCH = 32;
    /** How long after writing the farewell the socket is closed (see where it is used). */
    private static final Duration FAREWELL_FLUSH = Duration.ofMillis(200);

    private final SessionRegistry registry;
    private final DialogDirectory directory;
    private final History history;
    private final RecentMessages recent;
    private final LiveSession.Settings settings;
    private final int queueSize;
    private final Counter overflows;
    private final FrameJson frames;
    private final ClientFrames clientFrames;
    private final SessionHooks hooks;
    private final PresenceSubscriptions presence;
    private final java.time.Duration typingInterval;
    private final InboundLimits inboundLimits;

    public DeliveryWebSocketHandler(SessionRegistry registry, DialogDirectory directory, RecentMessages recent,
                                    LiveSession.Settings settings,
                                    int queueSize, Counter overflows, JsonMapper json, SessionActions actions,
                                    SessionHooks hooks, PresenceSubscriptions presence,
                                    java.time.Duration typingInterval, InboundLimits inboundLimits) {
        this.inboundLimits = inboundLimits;
        this.hooks = hooks;
        this.presence = presence;
        this.typingInterval = typingInterval;
        this.registry = registry;
        this.directory = directory;
        this.history = History.of(directory);
        this.recent = recent;
        this.settings = settings;
        this.queueSize = queueSize;
        this.overflows = overflows;
        this.frames = new FrameJson(json);
        this.clientFrames = new ClientFrames(json, actions);
    }

    /**
     * Queues the frame without dropping it (or anything else): if the queue is full, once there is room. The farewell
     * must not be lost to the flood that caused it; the grace timer bounds a client that stopped reading.
     */
    private static void offerWhenRoom(SessionOutbox outbox, FrameBody body) {
        if (!outbox.tryOffer(body)) {
            outbox.whenRoom(() -> offerWhenRoom(outbox, body));
        }
    }

    /** A frame or message beyond the size limit (whether Netty's decoder or the aggregation noticed it). */
    private static boolean tooLong(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
                return true;
            }
        }
        return false;
    }

    /** Without a checked ticket there is no session (only reachable if the handshake service was bypassed). */
    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        return socket.close(CloseStatus.POLICY_VIOLATION);
    }

    /** A session for the user and device of a ticket the handshake has checked (and spent). */
    public Mono<Void> handle(WebSocketSession socket, WsTicket ticket) {
        String sessionId = UUID.randomUUID().toString();
        SessionOutbox outbox = new SessionOutbox(queueSize, overflows::increment);
        LiveSession session = new LiveSession(sessionId, ticket.userId(), ticket.deviceId(), outbox, history, recent,
                settings, () -> socket.close(CloseStatus.SERVER_ERROR).subscribe());
        session.onTerminate((code, reason) -> socket.close(new CloseStatus(code, reason)).subscribe());
        session.typingInterval(typingInterval);
        session.send(new FrameBody.Welcome(sessionId, ticket.userId(), ticket.deviceId(), directory.lastEpoch()));
        registry.add(session);
        hooks.opened(session);

        InboundGuard guard = new InboundGuard(new FrameRateLimiter(inboundLimits.framesPerSecond(),
                inboundLimits.frameBurst(), System::nanoTime));
        Runnable closeForTooManyFrames = () -> {
            if (guard.claimClose()) {
                socket.close(TOO_MANY_FRAMES).subscribe(null, error -> { /* already closed */ });
            }
        };
        Mono<Void> outbound = OutboxFlux.of(outbox, WRITE_BATCH)
                .concatMap(batch -> socket.send(Flux.fromIterable(batch)
                                .map(frame -> socket.textMessage(frames.write(frame))))
                        .then(Mono.fromRunnable(() -> {
                            if (batch.stream().anyMatch(frame -> guard.isFarewell(frame.body()))) {
                                // a moment before the close: a proxy in front (the gateway) must pass the farewell
                                // on before the close overtakes it
                                Mono.delay(FAREWELL_FLUSH).subscribe(ignored -> closeForTooManyFrames.run());
                            }
                        })), 0)
                .then();
        // every data frame counts against the rate, whatever its type (binary frames are ignored, but cost too);
        // control pings never get here: Reactor Netty answers them itself
        Mono<Void> inbound = socket.receive()
                .filter(message -> switch (guard.admit()) {
                    case HANDLE -> true;
                    case IGNORE -> false;
                    case REFUSE_AND_CLOSE -> {
                        offerWhenRoom(outbox, guard.farewell());
                        Mono.delay(FAREWELL_GRACE).subscribe(ignored -> closeForTooManyFrames.run());
                        yield false;
                    }
                })
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                .doOnNext(message -> clientFrames.apply(session, message.getPayloadAsText()))
                .then()
                // a single frame beyond the limit is refused by Netty's decoder (which sends 1009 itself), a
                // fragmented message by Spring's aggregation; left as an error, Reactor Netty would close with 1002
                .onErrorResume(DeliveryWebSocketHandler::tooLong, error -> socket.close(FRAME_TOO_BIG)
                        .onErrorResume(closed -> Mono.empty()));
        // whichever ends first ends the session; the other is cancelled
        return Mono.firstWithSignal(inbound, outbound)
                .doFinally(signal -> {
                    registry.remove(session);
                    presence.unsubscribe(session);
                    session.close();
                    hooks.closed(session);
                });
    }
}
