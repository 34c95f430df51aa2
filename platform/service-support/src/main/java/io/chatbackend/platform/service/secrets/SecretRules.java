package io.chatbackend.platform.service.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a secret's value is acceptable: present, long enough to resist guessing, and not one that was ever
 * published (the defaults earlier versions shipped, and the usual first guesses). Published values are kept as
 * SHA-256 digests so this class does not publish them once more.
 */
public final class SecretRules {

    /** Shorter secrets are refused: 16 random characters are already far beyond guessing. */
    public static final int MIN_LENGTH = 16;

    private static final Set<String> PUBLISHED_SHA256 = Set.of(
            // the service client secrets and the ticket key that versions up to 0.1 shipped as defaults
            "510474227cc4b47b4edf760959285317317d2fdb55fd4ea89823587ea3452e3e",
            "2f85074f36c0ffe48bdaada66f9f8cfe5968da24cf4b5aee6ecb3221514bb8e9",
            "f881064abefefd94119abfdfc6bb12205c9465a0b38681eeb9fc69fb698d9b4f",
            "fb087cb97ce1bf465a0c86a8f008a009f1ad72fef548990bcc6a3ea7f2d50913",
            "9055c6a7f2b87956d1da57c6aee894b3a43917039ab0219a49eb67f67f22811c",
            // the administrator passwords the README's benchmark instructions and the tests once used
            "ae8807ab459add30937346136aba891e145be0f9f040e9d9ff155dbe81aea454",
            "656efb96af16f6b0275f38a3ed2ec3c232daa0dfbde2b6200cd277e7782784b0");

    private SecretRules() {
    }

    /** Why the value is refused, if it is; the message names the variable and never the value. */
    public static Optional<String> problem(RequiredSecret secret, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("The secret " + secret.variable() + " (" + secret.property() + ") is not set. Set the "
                    + "environment variable " + secret.variable() + " to a random value of at least " + MIN_LENGTH
                    + " characters; no secret has a default.");
        }
        if (value.length() < MIN_LENGTH) {
            return Optional.of("The secret " + secret.variable() + " (" + secret.property() + ") is shorter than "
                    + MIN_LENGTH + " characters. Set it to a longer random value.");
        }
        if (isPublished(value)) {
            return Optional.of("The secret " + secret.variable() + " (" + secret.property() + ") has a value that "
                    + "is published in the source repository. Set it to a new random value.");
        }
        return Optional.empty();
    }

    static boolean isPublished(String value) {
        return PUBLISHED_SHA256.contains(sha256(value));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
