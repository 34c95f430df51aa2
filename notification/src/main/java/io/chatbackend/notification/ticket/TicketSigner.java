package io.chatbackend.notification.ticket;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks WebSocket tickets: {@code base64url(claims) "." base64url(HMAC-SHA256(secret, claims))}, where
 * the claims are {@code v2 userId base64url(deviceId) expiresAtMillis nonce base64url(nodeId)}, separated by
 * {@code "."}. The ticket carries everything needed to check it, so any node holding the shared secret can verify
 * it without a shared store; that it is used at the node it names and only once is the handshake's job (with
 * {@link UsedNonces}). Tickets live seconds, so {@code v1} tickets (no node) are simply refused after an upgrade.
 *
 * <p>A ticket is short-lived and travels in a URL (browsers cannot set headers on a WebSocket handshake), which is
 * why it is not the access token itself: a logged URL is worth at most one connection within its few seconds.
 */
public final class TicketSigner {

    private static final String VERSION = "v2";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Device ids come from clients; a bound keeps tickets (URLs) short. */
    private static final int MAX_DEVICE_ID = 200;
    private static final int MAX_TICKET = 1024;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TicketSigner(String secret, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new ticket for this user and device at the given node, valid for the configured time from now. */
    public Issued issue(UUID userId, String deviceId, String nodeId) {
        if (deviceId.length() > MAX_DEVICE_ID) {
            throw new IllegalArgumentException("device id too long");
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        WsTicket ticket = new WsTicket(userId, deviceId, clock.instant().plus(ttl), B64.encodeToString(nonce),
                nodeId);
        // node ids may contain '.', so they are encoded like device ids
        String claims = String.join(".", VERSION, userId.toString(),
                B64.encodeToString(deviceId.getBytes(StandardCharsets.UTF_8)),
                Long.toString(ticket.expiresAt().toEpochMilli()), ticket.nonce(),
                B64.encodeToString(nodeId.getBytes(StandardCharsets.UTF_8)));
        byte[] claimBytes = claims.getBytes(StandardCharsets.UTF_8);
        return new Issued(B64.encodeToString(claimBytes) + "." + B64.encodeToString(mac(claimBytes)), ticket);
    }

    /**
     * The ticket's claims if its signature is ours and it has not expired; empty for anything else (tampered,
     * malformed, foreign key, expired). Says nothing about reuse.
     */
    public Optional<WsTicket> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TICKET) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] claimBytes = B64D.decode(token.substring(0, dot));
            byte[] signature = B64D.decode(token.substring(dot + 1));
            // constant time, so the comparison leaks nothing about how much of a forged signature was right
            if (!MessageDigest.isEqual(mac(claimBytes), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(claimBytes, StandardCharsets.UTF_8).split("\\.", -1);
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            WsTicket ticket = new WsTicket(UUID.fromString(parts[1]),
                    new String(B64D.decode(parts[2]), StandardCharsets.UTF_8),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])), parts[4],
                    new String(B64D.decode(parts[5]), StandardCharsets.UTF_8));
            return clock.instant().isBefore(ticket.expiresAt()) ? Optional.of(ticket) : Optional.empty();
        } catch (IllegalArgumentException e) { // bad base64, UUID or number: not a ticket of ours
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] claims) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(claims);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * @param token  what the client puts in {@code ?ticket=}
     * @param ticket what it says
     */
    public record Issued(String token, WsTicket ticket) {
    }
}
