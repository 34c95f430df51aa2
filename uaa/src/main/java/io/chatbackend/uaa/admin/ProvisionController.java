package io.chatbackend.uaa.admin;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.uaa.account.Account;
import io.chatbackend.uaa.account.Registration;
import io.chatbackend.uaa.audit.AuditedChanges;
import io.chatbackend.uaa.config.UaaProperties;
import io.chatbackend.uaa.token.TokenResponse;
import io.chatbackend.uaa.token.TokenService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates users with tokens in bulk for benchmarks and system tests, so they never meet the login throttle.
 * Off unless {@code chat.uaa.provisioning.enabled}; when off it answers as if it did not exist.
 */
@RestController
public class ProvisionController {

    private final UaaProperties properties;
    private final Registration registration;
    private final TokenService tokens;
    private final AuditedChanges audited;

    public ProvisionController(UaaProperties properties, Registration registration, TokenService tokens,
                               AuditedChanges audited) {
        this.properties = properties;
        this.registration = registration;
        this.tokens = tokens;
        this.audited = audited;
    }

    public record ProvisionRequest(@NotNull @Min(1) Integer count,
                                   @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,15}") String usernamePrefix) {
    }

    public record ProvisionedUser(UUID userId, String username, TokenResponse tokens) {
    }

    @PostMapping("/api/v1/admin/provision")
    List<ProvisionedUser> provision(@Valid @RequestBody ProvisionRequest request) {
        if (!properties.provisioning().enabled()) {
            throw new ApiException(CommonProblem.NOT_FOUND, "No such endpoint.");
        }
        if (request.count() > properties.provisioning().maxUsers()) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED,
                    "At most " + properties.provisioning().maxUsers() + " users per call.");
        }
        String prefix = request.usernamePrefix() == null ? "user" : request.usernamePrefix();
        // the users and their audit record commit together, or none of them
        return audited.apply(recorder -> {
            List<ProvisionedUser> created = new ArrayList<>(request.count());
            while (created.size() < request.count()) {
                String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                Account account = new Account(UUID.randomUUID(), prefix + "-" + suffix, prefix + " " + suffix,
                        Optional.empty(), List.of("USER"));
                if (registration.create(account)) {
                    created.add(new ProvisionedUser(account.userId(), account.username(),
                            tokens.issue(account, "provisioned-" + suffix)));
                }
            }
            recorder.record("USERS_PROVISIONED", "users", Map.of("count", created.size(),
                    "userIds", created.stream().map(user -> user.userId().toString()).toList()));
            return created;
        });
    }
}
