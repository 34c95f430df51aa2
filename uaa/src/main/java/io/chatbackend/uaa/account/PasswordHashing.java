package io.chatbackend.uaa.account;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * How passwords are hashed (ADR 0016). bcrypt reads only the first 72 bytes of its input, so two long passwords
 * sharing those bytes would be interchangeable; new hashes ({@code {bcrypt-sha256}}) therefore run bcrypt over an
 * HMAC-SHA256 digest of the whole password (44 characters of base64, every byte of the password counts). Hashes of
 * earlier versions ({@code {bcrypt}}) still verify; a password longer than bcrypt reads simply does not match them
 * (no such password could have been stored).
 */
public final class PasswordHashing {

    public static final String CURRENT = "bcrypt-sha256";

    private PasswordHashing() {
    }

    public static PasswordEncoder encoder() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        return new DelegatingPasswordEncoder(CURRENT, Map.of(
                CURRENT, new PreHashedBcrypt(bcrypt),
                "bcrypt", new AtMost72Bytes(bcrypt)));
    }

    /** bcrypt over HMAC-SHA256(password): no length limit, no truncation. */
    static final class PreHashedBcrypt implements PasswordEncoder {

        /** Domain separation only: not a secret, the same in every deployment. */
        private static final byte[] KEY = "chat-backend password pre-hash v1".getBytes(StandardCharsets.US_ASCII);

        private final BCryptPasswordEncoder bcrypt;

        PreHashedBcrypt(BCryptPasswordEncoder bcrypt) {
            this.bcrypt = bcrypt;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(preHash(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return rawPassword != null && encodedPassword != null
                    && bcrypt.matches(preHash(rawPassword), encodedPassword);
        }

        static String preHash(CharSequence rawPassword) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                return Base64.getEncoder().encodeToString(hmac.doFinal(rawPassword.toString()
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Earlier hashes: plain bcrypt, which never held a password over 72 bytes. */
    static final class AtMost72Bytes implements PasswordEncoder {

        private final BCryptPasswordEncoder bcrypt;

        AtMost72Bytes(BCryptPasswordEncoder bcrypt) {
            this.bcrypt = bcrypt;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            throw new UnsupportedOperationException("new passwords are hashed as " + CURRENT);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return rawPassword != null && encodedPassword != null
                    && rawPassword.toString().getBytes(StandardCharsets.UTF_8).length <= 72
                    && bcrypt.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return true;
        }
    }
}
