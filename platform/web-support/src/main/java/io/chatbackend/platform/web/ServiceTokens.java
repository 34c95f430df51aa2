package io.chatbackend.platform.web;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * This service's own access token (OAuth 2 client credentials), fetched from the token endpoint and reused until
 * shortly before it expires. Used for service-to-service calls with narrow scopes.
 */
public class ServiceTokens {

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final RestClient http;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ServiceTokens(RestClient http, String tokenUri, String clientId, String clientSecret, String scope,
                         Clock clock) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clock = clock;
    }

    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("scope", scope);
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = http.post().uri(tokenUri)
                    .headers(headers -> headers.setBasicAuth(clientId, clientSecret))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(Map.class);
            if (answer == null || !(answer.get("access_token") instanceof String accessToken)) {
                throw new IllegalStateException("the token endpoint gave no access token");
            }
            long expiresIn = answer.get("expires_in") instanceof Number seconds ? seconds.longValue() : 60;
            token = accessToken;
            refreshAt = clock.instant().plusSeconds(expiresIn).minus(REFRESH_BEFORE_EXPIRY);
        }
        return token;
    }

    /** Forgets the token (e.g. after a 401), so the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }
}
