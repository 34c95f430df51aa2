package io.chatbackend.uaa.config;

import io.chatbackend.uaa.login.ThrottleSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Everything about UAA an operator may tune; defaults are safe for a local run. */
@ConfigurationProperties("chat.uaa")
public record UaaProperties(
        /* the public issuer URL (the gateway's origin): iss of every token, base of discovery */
        String issuer,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration keyRotationPeriod,
        Admin admin,
        Provisioning provisioning,
        ThrottleSettings throttle,
        Directory directory,
        List<ServiceClient> serviceClients,
        List<String> webRedirectUris,
        /* encrypts the token signing keys at rest (CHAT_UAA_KEY_ENCRYPTION_KEY, no default) */
        String keyEncryptionKey) {

    public UaaProperties {
        issuer = issuer == null ? "http://127.0.0.1:8080" : issuer;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
        keyRotationPeriod = keyRotationPeriod == null ? Duration.ofDays(30) : keyRotationPeriod;
        admin = admin == null ? new Admin(null, null) : admin;
        provisioning = provisioning == null ? new Provisioning(false, 1000) : provisioning;
        throttle = throttle == null
                ? new ThrottleSettings(5, Duration.ofMinutes(15), 30, 20, 50, Duration.ofSeconds(1)) : throttle;
        directory = directory == null ? new Directory(30) : directory;
        serviceClients = serviceClients == null ? List.of() : serviceClients;
        // the web client the gateway serves at its root (ADR 0025)
        webRedirectUris = webRedirectUris == null ? List.of(issuer + "/") : webRedirectUris;
    }

    /**
     * The user directory: each user may run {@code searchesPerMinute} searches a minute (each page counts), which
     * bounds how fast one account can list the directory.
     */
    public record Directory(int searchesPerMinute) {
    }

    /** The first administrator, created at start when both are set and the name is free. */
    public record Admin(String username, String password) {
    }

    /** {@code POST /api/v1/admin/provision}: off unless enabled; at most {@code maxUsers} per call. */
    public record Provisioning(boolean enabled, int maxUsers) {
    }

    /** A service that gets client-credentials tokens (audience chat-internal) with the given scopes. */
    public record ServiceClient(String clientId, String secret, List<String> scopes) {
    }
}
