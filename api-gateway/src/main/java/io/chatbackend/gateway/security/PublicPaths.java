package io.chatbackend.gateway.security;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Paths reachable without an access token: getting a token (UAA's auth API, OAuth2/OIDC endpoints, its login
 * page), health probes, and the WebSocket, which browsers cannot send headers on and which the notification
 * service authenticates by a one-time ticket; the API's documents and explorer; and the web client's files. {@code /api/v1/admin/provision}
 * is not among them: it needs a token, and UAA checks the ADMIN role.
 */
public final class PublicPaths {

    static final String[] PATTERNS = {
            "/api/v1/auth/**",
            "/oauth2/**",
            "/.well-known/**",
            "/login",
            "/default-ui.css",
            "/actuator/health/**",
            "/ws",
            // the published API: the OpenAPI document, its explorer, and the WebSocket frames' AsyncAPI document
            "/v3/api-docs",
            "/swagger-ui.html",
            "/swagger-initializer.js",
            "/webjars/swagger-ui/**",
            "/asyncapi.yaml",
            // the web client (ADR 0025): its page and modules, and UAA's logout it ends a session with
            "/",
            "/index.html",
            "/app/**",
            "/connect/logout",
    };

    static final ServerWebExchangeMatcher MATCHER = ServerWebExchangeMatchers.pathMatchers(PATTERNS);

    private PublicPaths() {
    }
}
