package io.chatbackend.uaa.token;

import java.util.UUID;

/** The answer of login, refresh and provisioning. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UUID userId,
                            String deviceId) {

    public static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn, UUID userId,
                                       String deviceId) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn, userId, deviceId);
    }
}
