package io.chatbackend.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five contexts stood in, started once per test JVM and shared by every gateway started in it (the servers
 * die with the JVM). Tests tell their requests apart by X-Request-Id.
 */
final class StandInContexts {

    static final List<String> NAMES = List.of("uaa", "message-domain", "dialog-domain", "user-client", "notification");

    private static final StandInContexts SHARED = new StandInContexts(TestTokenIssuer.shared());

    private final Map<String, StandInContext> contexts = new LinkedHashMap<>();

    private StandInContexts(TestTokenIssuer issuer) {
        for (String name : NAMES) {
            contexts.put(name, name.equals("uaa") ? StandInContext.startUaa(issuer) : StandInContext.start(name));
        }
    }

    static StandInContexts shared() {
        return SHARED;
    }

    StandInContext get(String name) {
        return contexts.get(name);
    }

    /**
     * Points the gateway at the stand-ins and at the test issuer. The JWKS location is left at its default,
     * {@code ${chat.services.uaa}/.well-known/jwks.json}, so the tests prove that default too.
     */
    void register(DynamicPropertyRegistry registry) {
        contexts.forEach((name, context) -> registry.add("chat.services." + name, context::url));
        registry.add("chat.security.issuer", () -> TestTokenIssuer.ISSUER);
    }
}
