package io.chatbackend.notification.ticket;

import io.chatbackend.platform.web.ReadOnlyRoles;
import io.chatbackend.notification.routing.NodeDirectory;
import io.chatbackend.notification.security.ApiProblemException;
import io.chatbackend.notification.security.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/v1/ws/ticket}: a one-time, short-lived ticket for the caller's user and device, and the URL to
 * open the WebSocket at ({@code GET <url>?ticket=<ticket>}). Both name the node that owns the user's deliveries
 * partition (ADR 0013 "N nodes"), whichever node is asked; the ticket is accepted only there.
 */
@RestController
public class TicketController {

    private final TicketSigner signer;
    private final NodeDirectory nodes;

    TicketController(TicketSigner signer, NodeDirectory nodes) {
        this.signer = signer;
        this.nodes = nodes;
    }

    @PostMapping("/api/v1/ws/ticket")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TicketResponse> ticket(@AuthenticationPrincipal Jwt token) {
        UUID userId;
        try {
            userId = UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(Problem.FORBIDDEN); // not a user's token (no user id as subject)
        }
        if (!ReadOnlyRoles.mayChange(token.getClaimAsStringList("roles"))) {
            throw new ApiProblemException(Problem.FORBIDDEN); // a read-only token opens no session (ADR 0027)
        }
        String deviceId = token.getClaimAsString("did");
        if (deviceId == null || deviceId.isBlank() || deviceId.length() > 200) {
            throw new ApiProblemException(Problem.NO_DEVICE);
        }
        return nodes.ownerOf(userId).map(owner -> {
            TicketSigner.Issued issued = signer.issue(userId, deviceId, owner.nodeId());
            return new TicketResponse(issued.token(), owner.wsUrl(), issued.ticket().expiresAt());
        });
    }

    /**
     * @param ticket    goes into {@code ?ticket=}; usable once, until {@code expiresAt}
     * @param url       the WebSocket URL to open: the owning node's (the gateway's with one node)
     * @param expiresAt the end of the ticket's validity
     */
    public record TicketResponse(String ticket, String url, Instant expiresAt) {
    }
}
