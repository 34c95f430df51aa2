package io.chatbackend.tools.load.ws.session;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.User;

/**
 * A provisioned user's tokens over a run that may outlast them: an access token lives 15 minutes, so one older than
 * 10 is renewed with the refresh token (which rotates) before it is used. Shared by all of the user's clients.
 * Thread-safe.
 */
public final class Credentials {

    private static final long RENEW_AFTER_NANOS = 10 * 60 * 1_000_000_000L;

    private final GatewayClient gateway;
    private User user;
    private String refreshToken;
    private long issuedNanos;

    public Credentials(GatewayClient gateway, GatewayClient.Tokens tokens) {
        this.gateway = gateway;
        this.user = tokens.user();
        this.refreshToken = tokens.refreshToken();
        this.issuedNanos = System.nanoTime();
    }

    public String userId() {
        return user.userId();
    }

    /** The user with an access token good for at least five more minutes. */
    public synchronized User user() {
        if (System.nanoTime() - issuedNanos > RENEW_AFTER_NANOS) {
            GatewayClient.Tokens renewed = gateway.refresh(user.userId(), refreshToken);
            user = renewed.user();
            refreshToken = renewed.refreshToken();
            issuedNanos = System.nanoTime();
        }
        return user;
    }
}
