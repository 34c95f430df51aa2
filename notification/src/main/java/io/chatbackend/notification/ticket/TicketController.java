package io.chatbackend.notification.ticket;

import io.chatbackend.notification.config.NotificationProperties;
import io.chatbackend.notification.security.ApiProblemException;
import io.chatbackend.notification.security.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/v1/ws/ticket}: a one-time, short-lived ticket for the caller's user and device, and the URL to
 * open the WebSocket at ({@code GET <url>?ticket=<ticket>}).
 */
@RestController
public class TicketController {

    private final TicketSigner signer;
    private final String url;

    TicketController(TicketSigner signer, NotificationProperties properties,
                     @Value("${chat.public-url}") String publicUrl) {
        this.signer = signer;
        this.url = properties.wsUrl(publicUrl);
    }

    @PostMapping("/api/v1/ws/ticket")
    @ResponseStatus(HttpStatus.CREATED)
    public TicketResponse ticket(@AuthenticationPrincipal Jwt token) {
        UUID userId;
        try {
            userId = UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(Problem.FORBIDDEN); // not a user's token (no user id as subject)
        }
        String deviceId = token.getClaimAsString("did");
        if (deviceId == null || deviceId.isBlank() || deviceId.length() > 200) {
            throw new ApiProblemException(Problem.NO_DEVICE);
        }
        TicketSigner.Issued issued = signer.issue(userId, deviceId);
        return new TicketResponse(issued.token(), url, issued.ticket().expiresAt());
    }

    /**
     * @param ticket    goes into {@code ?ticket=}; usable once, until {@code expiresAt}
     * @param url       the WebSocket URL to open
     * @param expiresAt the end of the ticket's validity
     */
    public record TicketResponse(String ticket, String url, Instant expiresAt) {
    }
}
