package io.chatbackend.notification.security;

import io.chatbackend.platform.service.security.VerifiedReactiveTokens;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * notification as a stateless reactive OAuth2 resource server (the reactive twin of web-support's servlet edge,
 * after the gateway's, ADR 0006): RS256 tokens only (so {@code alg=none} and HMAC-with-the-public-key find no key),
 * issuer {@code chat.security.issuer}, audience {@code chat-api} (service tokens are refused), {@code exp}
 * required, a subject. {@code roles} become {@code ROLE_x}. Errors are problem details.
 *
 * <p>{@code /ws} needs no token (browsers cannot send one on the handshake); its ticket is checked by the
 * handshake itself. Health probes are open; the other operational endpoints need role {@code ADMIN}, because in
 * scale mode the nodes face clients directly.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class NotificationSecurityConfiguration {

    public static final String AUDIENCE = "chat-api";
    private static final Duration KEY_SET_TIMEOUT = Duration.ofSeconds(5);
    private static final String[] OPEN = {"/ws", "/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/asyncapi.yaml"};

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler(ProblemWriter problems) {
        return new ProblemExceptionHandler(problems);
    }

    @Bean
    ReactiveJwtDecoder accessTokenDecoder(@Value("${chat.security.jwk-set-uri}") String jwkSetUri,
                                          @Value("${chat.security.issuer}") String issuer,
                                          @Value("${chat.security.clock-skew:30s}") Duration clockSkew) {
        HttpClient keySetHttp = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_SET_TIMEOUT.toMillis())
                .responseTimeout(KEY_SET_TIMEOUT);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(keySetHttp)).build())
                .build();
        decoder.setJwtValidator(validator(issuer, clockSkew));
        return new VerifiedReactiveTokens(decoder, VerifiedReactiveTokens.DEFAULT_CAPACITY, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setAllowEmptyExpiryClaim(false); // a token that never expires is never acceptable
        return JwtValidators.createDefaultWithValidators(List.of(timestamps, new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(AUDIENCE),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank())));
    }

    @Bean
    SecurityWebFilterChain notificationSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
                                                ProblemWriter problems) {
        ServerWebExchangeMatcher open = ServerWebExchangeMatchers.pathMatchers(OPEN);
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new Roles());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(open).permitAll()
                        // in scale mode nodes are reachable by clients: their metrics are for operators only
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        // a header sent to an open path is not checked: /ws authenticates by its ticket
                        .bearerTokenConverter(exchange -> open.matches(exchange)
                                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange)))
                        .jwt(jwt -> jwt.jwtDecoder(accessTokenDecoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint((exchange, refusal) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                                    refusal instanceof OAuth2AuthenticationException oauth2
                                            ? "Bearer error=\"" + oauth2.getError().getErrorCode() + "\""
                                            : "Bearer");
                            return problems.write(exchange, Problem.UNAUTHENTICATED);
                        })
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, Problem.FORBIDDEN)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((exchange, refusal) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            return problems.write(exchange, Problem.UNAUTHENTICATED);
                        })
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, Problem.FORBIDDEN)))
                .build();
    }

    /** {@code roles} → {@code ROLE_x}. */
    static final class Roles implements Converter<Jwt, Collection<GrantedAuthority>> {

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            List<String> roles = jwt.getClaimAsStringList("roles");
            List<GrantedAuthority> authorities = new ArrayList<>();
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        }
    }
}
