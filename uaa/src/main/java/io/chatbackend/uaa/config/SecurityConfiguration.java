package io.chatbackend.uaa.config;

import io.chatbackend.platform.web.ChatSecurity;
import io.chatbackend.platform.web.SecurityProperties;
import io.chatbackend.platform.web.WebSupportAutoConfiguration;
import io.chatbackend.uaa.account.Accounts;
import io.chatbackend.uaa.token.AccessTokenIssuer;
import io.chatbackend.uaa.token.SigningKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import io.chatbackend.uaa.login.FormLoginThrottle;
import io.chatbackend.uaa.login.LoginThrottle;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Three filter chains: the standard OAuth 2.1 / OIDC endpoints (Spring Authorization Server: authorization code +
 * PKCE for public clients, client credentials for services, discovery, JWKS), the JSON APIs as a resource server,
 * and UAA's own login page for the authorization code flow.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    public static final String INTERNAL_AUDIENCE = "chat-internal";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
    }

    /** Only requests that ask for HTML (not those that accept anything) are sent to the login page. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return matcher;
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JwtAuthenticationConverter converter, JsonMapper json) throws Exception {
        return ChatSecurity.resourceServer(http.securityMatcher("/api/**", "/internal/**", "/actuator/**", "/error",
                                ChatSecurity.API_DOCS),
                        converter, json)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/auth/**", "/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/internal/users/**").hasAuthority("SCOPE_users.read")
                        .requestMatchers("/internal/**").denyAll()
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginPage(HttpSecurity http, LoginThrottle throttle) throws Exception {
        FormLoginThrottle formThrottle = new FormLoginThrottle(throttle);
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(formThrottle, UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.failureHandler(formThrottle.failureHandler())
                        .successHandler(formThrottle.successHandler()))
                .build();
    }

    /** UAA validates tokens with its own keys, no HTTP round trip. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(WebSupportAutoConfiguration.validator(properties));
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(UaaProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer())
                .jwkSetEndpoint(SigningKeys.JWKS_PATH).build();
    }

    @Bean
    RegisteredClientRepository registeredClients(UaaProperties properties, PasswordEncoder passwords) {
        List<RegisteredClient> clients = new ArrayList<>();
        RegisteredClient.Builder web = RegisteredClient.withId("chat-web").clientId("chat-web")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build());
        properties.webRedirectUris().forEach(web::redirectUri);
        // the web client's logout (OIDC RP-initiated logout) returns where it logged in from
        properties.webRedirectUris().forEach(web::postLogoutRedirectUri);
        clients.add(web.build());
        for (UaaProperties.ServiceClient service : properties.serviceClients()) {
            RegisteredClient.Builder client = RegisteredClient.withId(service.clientId())
                    .clientId(service.clientId())
                    // kept hashed: a heap dump or a debug endpoint shows no usable secret
                    .clientSecret(passwords.encode(service.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build());
            service.scopes().forEach(client::scope);
            clients.add(client.build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * Tokens of the standard endpoints look like ours: signed with the active key, user access tokens name the user
     * id (not the login name) with audience chat-api and roles; service tokens have audience chat-internal; ID
     * tokens name the user id and keep the client id as audience.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeys keys, Accounts accounts) {
        return context -> {
            context.getJwsHeader().keyId(keys.activeKeyId());
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                // an ID token keeps its own audience (the client id) and carries no API claims: it is never
                // accepted where an access token is (ADR 0016)
                accounts.byUsername(context.getPrincipal().getName())
                        .ifPresent(account -> context.getClaims().subject(account.userId().toString()));
                return;
            }
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                context.getClaims().audience(List.of(INTERNAL_AUDIENCE));
                return;
            }
            accounts.byUsername(context.getPrincipal().getName()).ifPresent(account -> context.getClaims()
                    .subject(account.userId().toString())
                    .audience(List.of(AccessTokenIssuer.USER_AUDIENCE))
                    .claim("roles", account.roles())
                    .claim("did", "web-" + context.getRegisteredClient().getClientId()));
        };
    }

    @Bean
    UserDetailsService userDetailsService(Accounts accounts) {
        return username -> accounts.byUsername(username)
                .filter(account -> account.passwordHash().isPresent())
                .map(account -> User.withUsername(account.username()).password(account.passwordHash().get())
                        .roles(account.roles().toArray(String[]::new)).build())
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
    }

}
