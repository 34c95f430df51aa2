package io.chatbackend.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void aClientCannotChooseItsAddressWithAForwardedHeader() {
        assertThat(ClientAddress.decide("127.0.0.2", List.of("203.0.113.9"), Set.of())).isEqualTo("127.0.0.2");
        assertThat(ClientAddress.decide("127.0.0.2", List.of("203.0.113.9"), Set.of("10.0.0.1")))
                .isEqualTo("127.0.0.2");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostAddressNotVouchedFor() {
        Set<String> proxies = Set.of("10.0.0.1", "10.0.0.2");
        // the client's own (spoofed) entry on the left is never believed
        assertThat(ClientAddress.decide("10.0.0.1", List.of("6.6.6.6", " 198.51.100.7", "10.0.0.2"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.decide("10.0.0.1", List.of(), proxies)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.decide("10.0.0.1", List.of("not-an-address", "198.51.100.7"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.decide("10.0.0.1", List.of("198.51.100.7", "evil\r\nheader"), proxies))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void forwardingHeadersAreRecognisedWhateverTheirCase() {
        assertThat(ClientAddressHeaderFilter.isForwarding("X-Forwarded-For")).isTrue();
        assertThat(ClientAddressHeaderFilter.isForwarding("forwarded")).isTrue();
        assertThat(ClientAddressHeaderFilter.isForwarding("X-REAL-IP")).isTrue();
        assertThat(ClientAddressHeaderFilter.isForwarding("X-Request-Id")).isFalse();
    }
}
