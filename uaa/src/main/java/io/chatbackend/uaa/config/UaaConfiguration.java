package io.chatbackend.uaa.config;

import io.chatbackend.platform.audit.AuditTrail;
import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.uaa.UaaProblem;
import io.chatbackend.uaa.directory.SearchThrottle;
import io.chatbackend.uaa.directory.UserDirectory;
import io.chatbackend.uaa.account.Account;
import io.chatbackend.uaa.account.Accounts;
import io.chatbackend.uaa.account.Registration;
import io.chatbackend.uaa.integration.Outbox;
import io.chatbackend.uaa.login.LoginThrottle;
import io.chatbackend.uaa.token.AccessTokenIssuer;
import io.chatbackend.uaa.token.KeyEncryption;
import io.chatbackend.uaa.token.RefreshTokens;
import io.chatbackend.uaa.token.SigningKeys;
import io.chatbackend.uaa.token.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import io.chatbackend.uaa.account.PasswordHashing;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** UAA's own parts: accounts, passwords, keys and tokens. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(UaaProperties.class)
class UaaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UaaConfiguration.class);

    /** UAA's chained audit records (ADR 0026), written by {@code AuditedChanges}. */
    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** bcrypt over a digest of the whole password, named in the hash so it can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordHashing.encoder();
    }

    @Bean
    Accounts accounts(JdbcTemplate jdbc) {
        return new Accounts(jdbc);
    }

    @Bean
    Registration registration(Accounts accounts, PasswordEncoder passwords, Outbox outbox, Clock clock) {
        return new Registration(accounts, passwords, outbox, clock);
    }

    @Bean
    SigningKeys signingKeys(JdbcTemplate jdbc, TransactionTemplate transaction, UaaProperties properties,
                            Clock clock) {
        SigningKeys keys = new SigningKeys(jdbc, transaction, properties.keyRotationPeriod(),
                properties.accessTokenTtl(), clock, new KeyEncryption(properties.keyEncryptionKey()));
        keys.initialize();
        return keys;
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys);
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(JwtEncoder encoder, SigningKeys keys, UaaProperties properties, Clock clock) {
        return new AccessTokenIssuer(encoder, keys, properties.issuer(), properties.accessTokenTtl(), clock);
    }

    @Bean
    RefreshTokens refreshTokens(JdbcTemplate jdbc, UaaProperties properties, Clock clock) {
        return new RefreshTokens(jdbc, properties.refreshTokenTtl(), clock);
    }

    @Bean
    TokenService tokenService(AccessTokenIssuer accessTokens, RefreshTokens refreshTokens, Accounts accounts) {
        return new TokenService(accessTokens, refreshTokens, accounts);
    }

    @Bean
    LoginThrottle loginThrottle(UaaProperties properties) {
        return new LoginThrottle(properties.throttle());
    }

    /** The first administrator comes from configuration, once. */
    @Bean
    ApplicationRunner firstAdmin(UaaProperties properties, Registration registration, PasswordEncoder passwords) {
        return args -> {
            UaaProperties.Admin admin = properties.admin();
            if (admin.username() == null || admin.password() == null) {
                return;
            }
            boolean created = registration.create(new Account(UUID.randomUUID(), admin.username(), admin.username(),
                    Optional.of(passwords.encode(admin.password())), List.of("USER", "ADMIN")));
            if (created) {
                log.info("Created the first administrator '{}'", admin.username());
            }
        };
    }

    @Bean
    UserDirectory userDirectory(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        return new UserDirectory(jdbc, outbox, clock);
    }

    @Bean
    SearchThrottle searchThrottle(UaaProperties properties) {
        return new SearchThrottle(properties.directory().searchesPerMinute());
    }

    /** This service's problem codes, listed by its OpenAPI document (docs/adr/0022-one-catalog-of-problem-codes.md). */
    @Bean
    ProblemCatalog uaaProblems() {
        return ProblemCatalog.of(UaaProblem.class);
    }
}
