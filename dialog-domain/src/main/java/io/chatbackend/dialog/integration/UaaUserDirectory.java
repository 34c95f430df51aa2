package io.chatbackend.dialog.integration;

import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.platform.web.ServiceHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** UAA's internal user lookup, called with this service's client-credentials token (scope {@code users.read}). */
@Component
class UaaUserDirectory implements UserDirectory {

    private final RestClient http;
    private final ServiceTokens tokens;
    private final String lookupUri;

    UaaUserDirectory(Clock clock, @Value("${chat.services.uaa}") String uaa,
                     @Value("${chat.service-client.id:dialog-domain}") String clientId,
                     @Value("${chat.service-client.secret}") String secret) {
        this.http = ServiceHttp.client();
        this.tokens = new ServiceTokens(http, uaa + "/oauth2/token", clientId, secret, "users.read", clock);
        this.lookupUri = uaa + "/internal/users/lookup";
    }

    @Override
    public Set<UUID> unknown(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> answer = http.post().uri(lookupUri)
                .headers(headers -> headers.setBearerAuth(tokens.token()))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("userIds", List.copyOf(userIds)))
                .retrieve().body(Map.class);
        Set<UUID> missing = new LinkedHashSet<>();
        if (answer != null && answer.get("missing") != null) {
            answer.get("missing").forEach(id -> missing.add(UUID.fromString(String.valueOf(id))));
        }
        return missing;
    }
}
