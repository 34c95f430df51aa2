package io.chatbackend.platform.web;

import io.chatbackend.platform.web.edge.AuthorizationHeaderTokens;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security every service's API shares: stateless, no CSRF (bearer tokens only), access tokens validated as a
 * resource server with the audience each path needs ({@link AudiencePerPathFilter}), problem-details 401/403, health
 * open. Each service then says which of its paths need what.
 */
public final class ChatSecurity {

    /** The service's OpenAPI document: open, like health (the gateway publishes the merged one). */
    public static final String API_DOCS = "/v3/api-docs";

    private ChatSecurity() {
    }

    public static HttpSecurity resourceServer(HttpSecurity http, JwtAuthenticationConverter converter, JsonMapper json)
            throws Exception {
        return http
                .addFilterAfter(new AudiencePerPathFilter(ProblemSecurityHandlers.forbidden(json)),
                        BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new ReadOnlyTokenFilter(ProblemSecurityHandlers.forbidden(json)),
                        AudiencePerPathFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new AuthorizationHeaderTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthenticated(json))
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden(json)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthenticated(json))
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden(json)))
                .authorizeHttpRequests(requests -> requests.requestMatchers(API_DOCS).permitAll());
    }
}
