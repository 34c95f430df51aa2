package io.chatbackend.tools.load.ws;

import io.chatbackend.tools.load.common.api.GatewayClient;

import java.util.function.Supplier;

/** The administrator's access token, logged in again once it is 10 minutes old (tokens live 15). Thread-safe. */
final class AdminLogin implements Supplier<String> {

    private static final long RENEW_AFTER_NANOS = 10 * 60 * 1_000_000_000L;

    private final GatewayClient gateway;
    private final WsSettings settings;
    private String token;
    private long issuedNanos;

    AdminLogin(GatewayClient gateway, WsSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    @Override
    public synchronized String get() {
        if (token == null || System.nanoTime() - issuedNanos > RENEW_AFTER_NANOS) {
            try {
                token = gateway.login(settings.admin(), settings.adminPassword(), "bench-ws");
            } catch (Exception e) {
                throw new IllegalStateException("the administrator could not log in: " + e.getMessage(), e);
            }
            issuedNanos = System.nanoTime();
        }
        return token;
    }
}
