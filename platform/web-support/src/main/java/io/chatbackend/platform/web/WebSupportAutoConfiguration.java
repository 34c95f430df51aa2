package io.chatbackend.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.convert.converter.Converter;
import io.chatbackend.platform.web.edge.HeaderCharacters;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Wires the shared HTTP edge into every servlet service (see {@link ChatSecurity} for the security part). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class WebSupportAutoConfiguration {

    /** Unknown fields and values of the wrong JSON type are errors, never guesses (see {@link StrictJson}). */
    @Bean
    JsonMapperBuilderCustomizer strictRequestJson() {
        return StrictJson::apply;
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${chat.web.max-body-bytes:65536}") long limit, JsonMapper json) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * RS256 only (no {@code none}, no HMAC-with-the-public-key), right issuer, one of our audiences, not expired;
     * a token verified once is remembered until it expires ({@link VerifiedTokens}).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(properties));
        return new VerifiedTokens(decoder, VerifiedTokens.DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /**
     * No observation around every security filter, authentication and authorization: nothing consumes those
     * traces, and wrapping each filter of each request cost a visible share of a send's CPU (issue 13's profile).
     * Requests are still timed by the web layer's own metrics.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, with its header rules checked without regular expressions. */
    @Bean
    WebSecurityCustomizer headerCharactersFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /**
     * As strict as the gateway: our issuer, one of our audiences (which one, the path decides), an expiry that must
     * be present and not passed beyond a small clock skew, and a subject.
     */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        List<String> accepted = properties.audiences();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // a token that never expires is never acceptable
        return JwtValidators.createDefaultWithValidators(List.of(timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null
                        && !Collections.disjoint(audience, accepted)),
                new JwtClaimValidator<Object>("sub", sub -> sub instanceof String s && !s.isBlank())));
    }

    /** {@code roles} become {@code ROLE_x}, {@code scope} entries become {@code SCOPE_x}. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesAndScopes());
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain defaultApiSecurity(HttpSecurity http, JwtAuthenticationConverter converter, JsonMapper json)
            throws Exception {
        return ChatSecurity.resourceServer(http, converter, json)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    static final class RolesAndScopes implements Converter<Jwt, Collection<GrantedAuthority>> {

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Caller caller = Caller.of(jwt);
            List<GrantedAuthority> authorities = new ArrayList<>();
            caller.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            caller.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
            return authorities;
        }
    }
}
