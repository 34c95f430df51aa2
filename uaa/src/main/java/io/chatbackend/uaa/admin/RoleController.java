package io.chatbackend.uaa.admin;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.uaa.UaaProblem;
import io.chatbackend.uaa.account.Accounts;
import io.chatbackend.uaa.audit.AuditedChanges;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grants and revokes the AUDITOR role, and the USER role (ADMIN only, by the security chain): a login after the
 * change carries it in the token's roles, or no longer does. An account with AUDITOR and without USER is an auditor
 * who may only read (ADR 0027). Idempotent ({@code 204} either way); a change that changes something is
 * recorded in UAA's audit trail with the administrator who made it.
 */
@RestController
public class RoleController {

    /** The roles granted here: ADMIN comes from configuration; USER comes with every account and may be revoked. */
    static final Set<String> GRANTABLE = Set.of("AUDITOR", "USER");

    private final Accounts accounts;
    private final AuditedChanges audited;

    public RoleController(Accounts accounts, AuditedChanges audited) {
        this.accounts = accounts;
        this.audited = audited;
    }

    @PutMapping("/api/v1/admin/users/{userId}/roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void grant(@PathVariable String userId, @PathVariable String role) {
        change(userId, role, true);
    }

    @DeleteMapping("/api/v1/admin/users/{userId}/roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String userId, @PathVariable String role) {
        change(userId, role, false);
    }

    private void change(String userId, String role, boolean granted) {
        if (!GRANTABLE.contains(role)) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "Only the roles AUDITOR and USER are granted "
                    + "here.");
        }
        UUID user = userIdOf(userId);
        boolean known = audited.apply(recorder -> accounts.setRole(user, role, granted).map(changed -> {
            if (changed) {
                recorder.record(granted ? "ROLE_GRANTED" : "ROLE_REVOKED", "user:" + user, Map.of("role", role));
            }
            return true;
        }).orElse(false));
        if (!known) {
            throw new ApiException(UaaProblem.USER_NOT_FOUND, "No user has this id.");
        }
    }

    private static UUID userIdOf(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(UaaProblem.USER_NOT_FOUND, "No user has this id.");
        }
    }
}
