package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.axon.ActingFor;
import io.chatbackend.platform.axon.ActingPrincipal;
import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.web.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.HashMap;
import java.util.Map;

/**
 * Who acts, from the access token of the request being handled: a user token (it names a device or carries roles)
 * is {@code user:<sub>} with its device, a client-credentials token {@code service:<client>}. Without a request it
 * is the service itself, with the user of an {@link ActingFor} scope as {@link AuditMetadata#ON_BEHALF_OF}.
 */
public class TokenActingPrincipal implements ActingPrincipal {

    private final String self;

    public TokenActingPrincipal(String applicationName) {
        this.self = "service:" + applicationName;
    }

    @Override
    public Map<String, String> current() {
        Map<String, String> actor = new HashMap<>(ActingFor.current());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Caller caller = Caller.of(token.getToken());
            if (caller.deviceId().isPresent() || !caller.roles().isEmpty()) {
                actor.put(AuditMetadata.PRINCIPAL, "user:" + caller.subject());
                caller.deviceId().ifPresent(device -> actor.put(AuditMetadata.DEVICE_ID, device));
            } else {
                actor.put(AuditMetadata.PRINCIPAL, "service:" + caller.subject());
            }
        } else {
            actor.put(AuditMetadata.PRINCIPAL, self);
        }
        return actor;
    }
}
