package io.chatbackend.uaa.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private final KeyEncryption encryption = new KeyEncryption("a-generated-key-encryption-key");
    private final byte[] privateKey = "pretend PKCS#8 bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedKeyOpensOnlyWithTheSameKeyAndKeyId() {
        String sealed = encryption.seal("kid-1", privateKey);

        assertThat(sealed).startsWith("aesgcm1:").doesNotContain(Base64.getEncoder().encodeToString(privateKey));
        assertThat(encryption.open("kid-1", sealed)).isEqualTo(privateKey);
        assertThatThrownBy(() -> new KeyEncryption("another-key-encryption-key").open("kid-1", sealed))
                .hasMessageContaining("CHAT_UAA_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> encryption.open("kid-2", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyStoredBeforeEncryptionIsStillRead() {
        assertThat(encryption.open("kid-1", Base64.getEncoder().encodeToString(privateKey))).isEqualTo(privateKey);
    }
}
