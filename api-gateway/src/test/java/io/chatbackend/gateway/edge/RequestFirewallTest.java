package io.chatbackend.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestFirewallTest {

    @Test
    void acceptsPlainAndProperlyEncodedUtf8() {
        assertThat(RequestFirewall.isWellFormed(null)).isTrue();
        assertThat(RequestFirewall.isWellFormed("/api/v1/dialogs/3f2a/messages")).isTrue();
        assertThat(RequestFirewall.isWellFormed("query=caf%C3%A9&x=%F0%9F%92%A9+y")).isTrue();
    }

    @Test
    void refusesBrokenEscapesInvalidUtf8AndControlCharacters() {
        for (String raw : new String[] {"%", "a%4", "%zz", "%FF%FE", "%C3", "%C3%28", "%00", "%1B", "%7F",
                "%C2%85", "a\u00e9"}) {
            assertThat(RequestFirewall.isWellFormed(raw)).as(raw).isFalse();
        }
    }
}
