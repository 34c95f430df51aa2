package io.chatbackend.uaa.internal;

import io.chatbackend.uaa.account.Account;
import io.chatbackend.uaa.account.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Internal (never routed by the gateway; service token with scope {@code users.read}): which of these user ids
 * exist. Other contexts use it to check ids they are given.
 */
@RestController
public class UserLookupController {

    private final Accounts accounts;

    public UserLookupController(Accounts accounts) {
        this.accounts = accounts;
    }

    public record LookupRequest(@NotNull @Size(max = 10_000) List<@NotNull UUID> userIds) {
    }

    public record KnownUser(UUID userId, String username, String displayName) {
    }

    public record LookupResponse(List<KnownUser> found, List<UUID> missing) {
    }

    @PostMapping("/internal/users/lookup")
    LookupResponse lookup(@Valid @RequestBody LookupRequest request) {
        Set<UUID> wanted = new LinkedHashSet<>(request.userIds());
        List<Account> found = accounts.byIds(wanted);
        found.forEach(account -> wanted.remove(account.userId()));
        return new LookupResponse(found.stream()
                .map(account -> new KnownUser(account.userId(), account.username(), account.displayName()))
                .toList(), List.copyOf(wanted));
    }
}
