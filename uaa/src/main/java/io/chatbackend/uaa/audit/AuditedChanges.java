package io.chatbackend.uaa.audit;

import java.util.Map;
import java.util.function.Function;

import io.chatbackend.platform.audit.AuditTrail;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.RequestIdFilter;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * UAA's security-relevant changes that keep no event store — role grants, signing key rotations, provisioning —
 * run here, in one transaction with their record in UAA's audit trail (ADR 0026): the actor is the caller of the
 * request (its token's subject and device), the correlation id the request id the caller is answered with.
 */
@Component
public class AuditedChanges {

    /** Records what the change did; called inside the change, so record and change commit together. */
    @FunctionalInterface
    public interface Recorder {
        void record(String type, String subject, Map<String, ?> details);
    }

    private final AuditTrail trail;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    public AuditedChanges(AuditTrail trail, TransactionTemplate transactions, JsonMapper json) {
        this.trail = trail;
        this.transactions = transactions;
        this.json = json;
    }

    public <T> T apply(Function<Recorder, T> change) {
        return transactions.execute(status -> change.apply(this::append));
    }

    private void append(String type, String subject, Map<String, ?> details) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = "system:uaa";
        String device = null;
        if (authentication instanceof JwtAuthenticationToken token) {
            Caller caller = Caller.of(token.getToken());
            actor = (caller.deviceId().isPresent() ? "user:" : "service:") + caller.subject();
            device = caller.deviceId().orElse(null);
        }
        trail.append(actor, device, MDC.get(RequestIdFilter.MDC_KEY), type, subject, json.writeValueAsString(details));
    }
}
