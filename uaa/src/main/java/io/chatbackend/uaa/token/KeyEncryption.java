package io.chatbackend.uaa.token;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signing keys at rest: AES-256-GCM under a key derived from the key-encryption key ({@code
 * CHAT_UAA_KEY_ENCRYPTION_KEY}), so a copy of the database alone signs nothing (ADR 0016). The stored form is
 * {@code aesgcm1:} + base64(nonce || ciphertext || tag); the key id is authenticated with it, so a stored key
 * cannot be moved to another row.
 */
public final class KeyEncryption {

    static final String PREFIX = "aesgcm1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public KeyEncryption(String keyEncryptionKey) {
        if (keyEncryptionKey == null || keyEncryptionKey.length() < 16) {
            throw new IllegalArgumentException("the key-encryption key must have at least 16 characters");
        }
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(
                    ("chat-backend signing keys v1\n" + keyEncryptionKey).getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String keyId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + keyId, e);
        }
    }

    /** The plain key; a stored key from before encryption (plain base64) is read as it is. */
    public byte[] open(String keyId, String stored) {
        if (!isSealed(stored)) {
            return Base64.getDecoder().decode(stored);
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + keyId + " cannot be decrypted: is "
                    + "CHAT_UAA_KEY_ENCRYPTION_KEY the one it was stored with?", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
