package io.chatbackend.uaa.token;

import io.chatbackend.uaa.account.Account;
import io.chatbackend.uaa.account.Accounts;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Issues the pair of tokens for an account on a device, and rotates a refresh token into a new pair. */
public class TokenService {

    private final AccessTokenIssuer accessTokens;
    private final RefreshTokens refreshTokens;
    private final Accounts accounts;

    public TokenService(AccessTokenIssuer accessTokens, RefreshTokens refreshTokens, Accounts accounts) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
    }

    @Transactional
    public TokenResponse issue(Account account, String deviceId) {
        String refresh = refreshTokens.issue(account.userId(), deviceId);
        return TokenResponse.bearer(accessTokens.issue(account.userId(), account.roles(), deviceId), refresh,
                accessTokens.ttl().toSeconds(), account.userId(), deviceId);
    }

    @Transactional(noRollbackFor = RuntimeException.class)
    public Optional<TokenResponse> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken).flatMap(holder -> accounts.byId(holder.userId())
                .map(account -> TokenResponse.bearer(accessTokens.issue(account.userId(), account.roles(),
                        holder.deviceId()), holder.newToken(), accessTokens.ttl().toSeconds(), account.userId(),
                        holder.deviceId())));
    }
}
