package io.chatbackend.platform.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void handsOutDistinctFreePortsBelowTheEphemeralRange() {
        int first = Ports.freePort();
        int second = Ports.freePort();
        assertThat(first).isNotEqualTo(second).isBetween(20000, 32767);
        assertThat(second).isBetween(20000, 32767);
        assertThat(Ports.isFree(first)).isTrue();
    }

    @Test
    void aTakenPortIsReportedClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "the gateway"))
                    .isInstanceOf(InfraException.class)
                    .hasMessageContaining("port " + port + " for the gateway is already taken");
            assertThat(Ports.reuseOrFree(port)).isNotEqualTo(port);
        }
    }
}
