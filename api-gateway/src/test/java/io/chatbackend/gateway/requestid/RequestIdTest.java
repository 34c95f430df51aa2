package io.chatbackend.gateway.requestid;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTest {

    @Test
    void acceptsOnlySafeShortIds() {
        assertThat(RequestId.acceptOrGenerate("abc.DEF_123-x")).isEqualTo("abc.DEF_123-x");
        assertThat(RequestId.acceptOrGenerate("a".repeat(64))).isEqualTo("a".repeat(64));
        for (String unsafe : new String[] {null, "", "a".repeat(65), "a b", "a\nb", "a/b", "ä"}) {
            String replaced = RequestId.acceptOrGenerate(unsafe);
            assertThat(replaced).isNotEqualTo(unsafe);
            assertThat(UUID.fromString(replaced)).isNotNull();
        }
    }
}
