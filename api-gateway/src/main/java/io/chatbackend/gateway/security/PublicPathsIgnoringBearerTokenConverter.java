package io.chatbackend.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the bearer token everywhere but on public paths. Clients often still send their expired access token when
 * they call {@code /api/v1/auth/refresh}; checking it there would refuse the very call that renews it. The
 * header is still forwarded, and the owning service decides what it means.
 */
class PublicPathsIgnoringBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return PublicPaths.MATCHER.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearerTokens.convert(exchange));
    }
}
