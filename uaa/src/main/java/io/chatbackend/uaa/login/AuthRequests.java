package io.chatbackend.uaa.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the public auth API (unknown fields are refused). */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record Register(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password,
                           @Size(max = 64) String displayName) {
    }

    public record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password,
                        @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String deviceId) {
    }

    public record Refresh(@NotBlank @Size(max = 128) String refreshToken) {
    }
}
