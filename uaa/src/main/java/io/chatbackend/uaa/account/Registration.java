package io.chatbackend.uaa.account;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.uaa.UaaProblem;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.uaa.contract.UserRegistered;
import io.chatbackend.uaa.integration.Outbox;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates accounts; the account and its {@code UserRegistered} event commit together or not at all. */
public class Registration {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Clock clock;

    public Registration(Accounts accounts, PasswordEncoder passwords, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Account register(String username, String password, String displayName) {
        List<String[]> violations = AccountPolicy.violations(username, password, displayName);
        if (!violations.isEmpty()) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "The registration is not acceptable.",
                    new org.springframework.http.HttpHeaders(), Map.of("errors", violations.stream()
                    .map(v -> Map.of("field", v[0], "message", v[1])).toList()));
        }
        String name = AccountPolicy.normalizeUsername(username);
        Account account = new Account(UUID.randomUUID(), name, displayName == null ? name : displayName.strip(),
                Optional.of(passwords.encode(password)), List.of("USER"));
        if (!create(account)) {
            throw new ApiException(UaaProblem.USERNAME_TAKEN, "This username is taken.");
        }
        return account;
    }

    /** Inserts the account and its event unless the name is taken; used by registration and provisioning. */
    @Transactional
    public boolean create(Account account) {
        if (!accounts.insertIfAbsent(account)) {
            return false;
        }
        outbox.add(UserRegistered.TOPIC, account.userId().toString(), UserRegistered.TYPE,
                new UserRegistered(account.userId(), account.username(), account.displayName(), clock.instant()));
        return true;
    }
}
