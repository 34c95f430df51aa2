package io.chatbackend.uaa.login;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.uaa.UaaProblem;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.uaa.account.Account;
import io.chatbackend.uaa.account.AccountPolicy;
import io.chatbackend.uaa.account.Accounts;
import io.chatbackend.uaa.account.Registration;
import io.chatbackend.uaa.token.RefreshTokens;
import io.chatbackend.uaa.token.TokenResponse;
import io.chatbackend.uaa.token.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The first-party auth API: register, login, refresh, logout. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private static final String INVALID_CREDENTIALS = "Invalid username or password.";

    private final Registration registration;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    /** Compared against when the account does not exist, so both cases take the same time. */
    private final String decoyHash;

    public AuthController(Registration registration, Accounts accounts, PasswordEncoder passwords,
                          TokenService tokens, RefreshTokens refreshTokens, LoginThrottle throttle) {
        this.registration = registration;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @PostMapping("/register")
    ResponseEntity<Map<String, Object>> register(@Valid @RequestBody AuthRequests.Register request,
                                                 HttpServletRequest http) {
        throttle.registrationMustWait(http.getRemoteAddr()).ifPresent(wait -> {
            throw throttled(UaaProblem.RATE_LIMITED, "Too many registrations; try later.", wait);
        });
        Account account = registration.register(request.username(), request.password(), request.displayName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("userId", account.userId(),
                "username", account.username(), "displayName", account.displayName()));
    }

    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http) {
        String username = AccountPolicy.normalizeUsername(request.username());
        String source = http.getRemoteAddr();
        throttle.sourceMustWait(source).ifPresent(wait -> {
            throw throttled(UaaProblem.LOGIN_THROTTLED, "Too many login attempts; try later.",
                    wait);
        });
        throttle.mustWait(username, source).ifPresent(wait -> {
            throw throttled(UaaProblem.LOGIN_THROTTLED, "Too many failed logins; try later.",
                    wait);
        });
        Optional<Account> account = accounts.byUsername(username);
        String hash = account.flatMap(Account::passwordHash).orElse(decoyHash);
        boolean matches = passwords.matches(request.password(), hash);
        if (account.isEmpty() || account.get().passwordHash().isEmpty() || !matches) {
            throttle.failed(username, source);
            throw new ApiException(CommonProblem.UNAUTHENTICATED, INVALID_CREDENTIALS);
        }
        throttle.succeeded(username, source);
        String deviceId = request.deviceId() != null ? request.deviceId() : "device-" + UUID.randomUUID();
        if (refreshTokens.isDeviceRevoked(account.get().userId(), deviceId)) {
            // a revoked device id never comes back: in user-client it stays revoked too (ADR 0016)
            throw new ApiException(UaaProblem.CLIENT_REVOKED, "This device was revoked; log in with a new deviceId.");
        }
        return tokens.issue(account.get(), deviceId);
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody AuthRequests.Refresh request) {
        return tokens.refresh(request.refreshToken()).orElseThrow(() -> new ApiException(CommonProblem.UNAUTHENTICATED,
                "The refresh token is invalid, expired or revoked; log in again."));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody AuthRequests.Refresh request) {
        refreshTokens.revokeFamilyOf(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private static ApiException throttled(UaaProblem code, String detail, Duration wait) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.seconds(wait)));
        return new ApiException(code, detail, headers, Map.of());
    }
}
