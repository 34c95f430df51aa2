package io.chatbackend.uaa.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user account. {@code passwordHash} is empty for provisioned accounts, which cannot log in with a password. */
public record Account(UUID userId, String username, String displayName, Optional<String> passwordHash,
                      List<String> roles) {
}
