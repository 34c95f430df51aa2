package io.chatbackend.gateway.security;

import io.chatbackend.platform.service.security.VerifiedReactiveTokens;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Decodes access tokens with UAA's public keys (JWKS, fetched and cached, refetched for an unknown key id at most
 * once a second: {@link KeySetCache}).
 * Only RS256 is accepted: {@code alg=none} and HMAC tokens (e.g. HS256 "signed" with the public key, the key
 * confusion attack) find no key to verify with and are refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenValidationProperties.class)
public class AccessTokenDecoderConfiguration {

    /** A key set that does not come in this time fails the request (503) instead of holding it. */
    private static final Duration KEY_SET_TIMEOUT = Duration.ofSeconds(5);
    /** Unknown key ids make the gateway fetch the key set again at most this often (ADR 0016). */
    private static final Duration KEY_SET_MIN_REFETCH = Duration.ofSeconds(1);

    @Bean
    KeySetCache keySetCache(TokenValidationProperties properties) {
        return new KeySetCache(keySetClient(), properties.jwkSetUri(), KEY_SET_MIN_REFETCH);
    }

    @Bean
    ReactiveJwtDecoder accessTokenDecoder(TokenValidationProperties properties, KeySetCache keys) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(AccessTokenValidator.create(properties.issuer(), properties.clockSkew()));
        return new VerifiedReactiveTokens(decoder, VerifiedReactiveTokens.DEFAULT_CAPACITY, Clock.systemUTC());
    }

    private static WebClient keySetClient() {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_SET_TIMEOUT.toMillis())
                .responseTimeout(KEY_SET_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
