package io.chatbackend.notification.session;

import io.chatbackend.notification.security.ProblemWriter;
import io.chatbackend.notification.security.Problem;
import io.chatbackend.notification.ticket.TicketSigner;
import io.chatbackend.notification.ticket.UsedNonces;
import io.chatbackend.notification.ticket.WsTicket;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Checks the ticket before the WebSocket upgrade: a missing, forged, expired or already used ticket gets a plain
 * 401 problem and no WebSocket. A good ticket is spent (its nonce remembered) and handed to the session.
 */
public final class TicketHandshakeService extends HandshakeWebSocketService {

    private final TicketSigner signer;
    private final UsedNonces usedNonces;
    private final ProblemWriter problems;

    public TicketHandshakeService(RequestUpgradeStrategy upgrade, TicketSigner signer, UsedNonces usedNonces,
                                  ProblemWriter problems) {
        super(upgrade);
        this.signer = signer;
        this.usedNonces = usedNonces;
        this.problems = problems;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Optional<WsTicket> ticket = signer.verify(exchange.getRequest().getQueryParams().getFirst("ticket"))
                .filter(usedNonces::markUsed);
        if (ticket.isEmpty()) {
            return problems.write(exchange, Problem.TICKET_REFUSED);
        }
        if (!(handler instanceof DeliveryWebSocketHandler sessions)) {
            return super.handleRequest(exchange, handler);
        }
        WsTicket checked = ticket.get();
        return super.handleRequest(exchange, socket -> sessions.handle(socket, checked));
    }
}
