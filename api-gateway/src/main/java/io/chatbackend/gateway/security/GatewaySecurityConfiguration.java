package io.chatbackend.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway is a stateless OAuth2 resource server: every request but those to {@link PublicPaths} needs a valid
 * access token; nothing is kept between requests (no session, no saved request), and CSRF protection is off
 * because credentials travel only in the Authorization header, never in cookies a browser would add by itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    /**
     * No observation around every security filter, authentication and authorization: nothing consumes those traces,
     * and they cost a visible share of each request's CPU (issue 13's profile).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
                                           ProblemAuthenticationEntryPoint unauthenticated,
                                           ProblemAccessDeniedHandler forbidden) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // not the default no-referrer: with it, browsers send "Origin: null" on same-origin form posts (UAA's
                // login page), which the CORS filter must refuse; same-origin still never tells another site anything
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(
                        ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PublicPaths.PATTERNS).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new PublicPathsIgnoringBearerTokenConverter())
                        .jwt(jwt -> jwt.jwtDecoder(accessTokenDecoder))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }
}
