package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.ticket.WsTicket;
import io.micrometer.core.instrument.Counter;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * {@code GET /ws}: one live session per connection, opened with a ticket that {@link TicketHandshakeService} checked
 * before the upgrade. Sends {@code welcome} first; then whatever the session produces, one frame at a time, each
 * written before the next is taken from the bounded outbox (so a slow client's backlog stays in the outbox, where
 * it overflows visibly, instead of piling up in Netty). Ends when the client closes or a write fails.
 */
public final class DeliveryWebSocketHandler implements WebSocketHandler {

    private final SessionRegistry registry;
    private final DialogDirectory directory;
    private final LiveSession.Settings settings;
    private final int queueSize;
    private final Counter overflows;
    private final FrameJson frames;
    private final ClientFrames clientFrames;
    private final SessionHooks hooks;
    private final PresenceSubscriptions presence;
    private final java.time.Duration typingInterval;

    public DeliveryWebSocketHandler(SessionRegistry registry, DialogDirectory directory, LiveSession.Settings settings,
                                    int queueSize, Counter overflows, JsonMapper json, SessionActions actions,
                                    SessionHooks hooks, PresenceSubscriptions presence,
                                    java.time.Duration typingInterval) {
        this.hooks = hooks;
        this.presence = presence;
        this.typingInterval = typingInterval;
        this.registry = registry;
        this.directory = directory;
        this.settings = settings;
        this.queueSize = queueSize;
        this.overflows = overflows;
        this.frames = new FrameJson(json);
        this.clientFrames = new ClientFrames(json, actions);
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
        LiveSession session = new LiveSession(sessionId, ticket.userId(), ticket.deviceId(), outbox, directory,
                settings, () -> socket.close(CloseStatus.SERVER_ERROR).subscribe());
        session.onTerminate((code, reason) -> socket.close(new CloseStatus(code, reason)).subscribe());
        session.typingInterval(typingInterval);
        session.send(new FrameBody.Welcome(sessionId, ticket.userId(), ticket.deviceId(), directory.lastEpoch()));
        registry.add(session);
        hooks.opened(session);

        Mono<Void> outbound = OutboxFlux.of(outbox)
                .concatMap(frame -> socket.send(Mono.just(socket.textMessage(frames.write(frame)))), 0)
                .then();
        Mono<Void> inbound = socket.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                .doOnNext(message -> clientFrames.apply(session, message.getPayloadAsText()))
                .then();
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
