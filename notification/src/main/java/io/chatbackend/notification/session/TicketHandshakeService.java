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
 * Checks the ticket before the WebSocket upgrade: a missing, forged, expired or already used ticket, or one issued
 * for another node, gets a plain 401 problem and no WebSocket. A good ticket is spent (its nonce remembered) and
 * handed to the session.
 *
 * <p>A ticket names the node that owns its user's deliveries partition (ADR 0013), so a session never lands where
 * the user's deliveries do not arrive; it also keeps each node's nonce memory enough for single use.
 */
public final class TicketHandshakeService extends HandshakeWebSocketService {

    private final TicketSigner signer;
    private final UsedNonces usedNonces;
    private final ProblemWriter problems;
    private final String nodeId;

    public TicketHandshakeService(RequestUpgradeStrategy upgrade, TicketSigner signer, UsedNonces usedNonces,
                                  ProblemWriter problems, String nodeId) {
        super(upgrade);
        this.nodeId = nodeId;
        this.signer = signer;
        this.usedNonces = usedNonces;
        this.problems = problems;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Optional<WsTicket> verified = signer.verify(exchange.getRequest().getQueryParams().getFirst("ticket"));
        if (verified.isPresent() && !verified.get().nodeId().equals(nodeId)) {
            // checked before the nonce is spent: the ticket stays good for the node it names
            return problems.write(exchange, Problem.TICKET_FOR_ANOTHER_NODE);
        }
        Optional<WsTicket> ticket = verified.filter(usedNonces::markUsed);
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
