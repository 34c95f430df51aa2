package io.chatbackend.userclient.web;

import io.chatbackend.platform.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputsTest {

    @Test
    void acceptsOnlyAbsoluteHttpUrlsWithAHostAndNoUserInfo() {
        assertThat(Inputs.pushUrl("https://push.example/hook?x=1")).isEqualTo("https://push.example/hook?x=1");
        assertThat(Inputs.pushUrl("HTTP://push.example:8443/")).isEqualTo("HTTP://push.example:8443/");
        for (String bad : new String[] {"ftp://push.example/", "https:///nohost", "/relative", "push.example",
                "https://u:p@push.example/", "javascript:alert(1)", "https://push example/",
                "https://" + "h".repeat(2048) + ".example"}) {
            assertThatThrownBy(() -> Inputs.pushUrl(bad)).as(bad).isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).code().name()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void idsHaveTheFormUaaAcceptsForDevices() {
        assertThat(Inputs.id("deviceId", "phone-1.a_b:c")).isEqualTo("phone-1.a_b:c");
        assertThat(Inputs.id("deviceId", "d".repeat(128))).hasSize(128);
        for (String bad : new String[] {"", "d".repeat(129), "a b", "a/b", "ä", null}) {
            assertThatThrownBy(() -> Inputs.id("deviceId", bad)).isInstanceOf(ApiException.class);
        }
    }
}
