package io.chatbackend.notification.config;

import io.chatbackend.platform.web.ServiceHttp;
import io.chatbackend.platform.web.ServiceTokens;

import java.time.Clock;

/**
 * This node's client credentials at UAA. Each outbound API gets its own token source for the one scope it needs
 * ({@code delivery} for dialog-domain, {@code sessions} for user-client), so no token carries more than its call.
 */
record ServiceCredentials(String tokenUri, String clientId, String secret, Clock clock) {

    ServiceTokens tokens(String scope) {
        return new ServiceTokens(ServiceHttp.client(), tokenUri, clientId, secret, scope, clock);
    }
}
