package io.chatbackend.platform.localrun;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JavaOptsTest {

    @Test
    void aServiceOwnFlagsWinOverEveryServiceFlagsWhichWinOverTheDefaults() {
        Map<String, String> both = Map.of("CHAT_NOTIFICATION_JAVA_OPTS", "-Xmx2g",
                "CHAT_SERVICE_JAVA_OPTS", "-Xmx512m");
        assertThat(LocalRun.javaOpts("notification", both)).isEqualTo("-Xmx2g");
        assertThat(LocalRun.javaOpts("api-gateway", both)).isEqualTo("-Xmx512m");
        assertThat(LocalRun.javaOpts("api-gateway", Map.of("CHAT_API_GATEWAY_JAVA_OPTS", "-Xmx1g")))
                .isEqualTo("-Xmx1g");
        assertThat(LocalRun.javaOpts("uaa", Map.of())).isEqualTo(LocalRun.defaultJavaOpts("uaa"))
                .as("services compile fully (ADR 0019)").doesNotContain("TieredStopAtLevel");
        assertThat(LocalRun.defaultJavaOpts("notification")).as("the node keeps the first tier")
                .contains("-XX:TieredStopAtLevel=1", "-Xmx1g");
        assertThat(LocalRun.javaOpts("notification", Map.of("CHAT_NOTIFICATION_JAVA_OPTS", " ")))
                .as("blank is unset").isEqualTo(LocalRun.defaultJavaOpts("notification"));
    }
}
