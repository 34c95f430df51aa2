package io.chatbackend.platform.web.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address table and the URL rules, with a table resolver (no DNS). */
class OutboundUrlPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "93.184.215.14, PUBLIC",
            "8.8.8.8, PUBLIC",
            "172.15.255.255, PUBLIC",
            "172.32.0.1, PUBLIC",
            "100.63.255.255, PUBLIC",
            "100.128.0.0, PUBLIC",
            "192.169.0.1, PUBLIC",
            "2606:2800:220:1:248:1893:25c8:1946, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "::1, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "fc00::1, PRIVATE",
            "fd12:3456:789a::1, PRIVATE",
            "fec0::1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "0.0.0.0, ANY_LOCAL",
            "0.1.2.3, ANY_LOCAL",
            "::, ANY_LOCAL",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "ff02::1, MULTICAST",
            "100.64.0.1, SHARED",
            "100.127.255.255, SHARED",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            // IPv6 forms carrying an IPv4 address are judged by it
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:10.1.2.3, PRIVATE",
            "::ffff:93.184.215.14, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::808:808, PUBLIC",
            "2002:7f00:1::, LOOPBACK",
            "2002:c0a8:101::1, PRIVATE",
            "2002:808:808::1, PUBLIC"})
    void classifiesAddresses(String literal, AddressKind expected) throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName(literal))).isEqualTo(expected);
        assertThat(expected.isPublic()).isEqualTo(expected == AddressKind.PUBLIC);
    }

    private static final Map<String, String[]> DNS = Map.of(
            "push.example", new String[] {"93.184.215.14"},
            "internal.example", new String[] {"10.0.0.7"},
            "mixed.example", new String[] {"93.184.215.14", "127.0.0.1"},
            "metadata.example", new String[] {"169.254.169.254"},
            "localhost", new String[] {"127.0.0.1", "::1"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] answer = DNS.get(host);
        if (answer == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answer.length];
        for (int i = 0; i < answer.length; i++) {
            addresses[i] = InetAddress.getByName(answer[i]);
        }
        return addresses;
    }

    private final OutboundUrlPolicy strict = new OutboundUrlPolicy(false, OutboundUrlPolicyTest::resolve);
    private final OutboundUrlPolicy lenient = new OutboundUrlPolicy(true, OutboundUrlPolicyTest::resolve);

    @Test
    void acceptsHttpsToPublicAddressesAndAnswersWhatItResolved() {
        OutboundUrlPolicy.Target target = strict.check("https://push.example/hook?x=1");
        assertThat(target.uri().getHost()).isEqualTo("push.example");
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
        assertThat(strict.check("HTTPS://93.184.215.14:8443/").addresses()).hasSize(1);
        assertThat(strict.check("https://[2606:2800:220:1:248:1893:25c8:1946]/").addresses()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({
            "https://127.0.0.1/hook, NOT_PUBLIC",
            "https://localhost/hook, NOT_PUBLIC",
            "https://[::1]/hook, NOT_PUBLIC",
            "https://[::ffff:127.0.0.1]/hook, NOT_PUBLIC",
            "https://169.254.169.254/latest/meta-data/, NOT_PUBLIC",
            "https://metadata.example/, NOT_PUBLIC",
            "https://internal.example/, NOT_PUBLIC",
            "https://mixed.example/, NOT_PUBLIC",
            "https://100.64.1.1/, NOT_PUBLIC",
            "https://0.0.0.0/, NOT_PUBLIC",
            "http://push.example/hook, SCHEME",
            "ftp://push.example/, SCHEME",
            "javascript:alert(1), SCHEME",
            "/relative, SCHEME",
            "https:///nohost, MALFORMED",
            "https://u:p@push.example/, MALFORMED",
            "https://push example/, MALFORMED",
            "https://nowhere.invalid/, UNRESOLVED"})
    void refusesWithTheRuleBroken(String url, RefusedUrlException.Reason reason) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(RefusedUrlException.class)
                .extracting(e -> ((RefusedUrlException) e).reason()).isEqualTo(reason);
    }

    @Test
    void refusesLongUrlsAndNamesTheAddressOfARefusal() {
        assertThatThrownBy(() -> strict.check("https://push.example/" + "a".repeat(OutboundUrlPolicy.MAX_LENGTH)))
                .isInstanceOf(RefusedUrlException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> strict.check("https://metadata.example/"))
                .hasMessage("host metadata.example resolves to 169.254.169.254, a link-local address");
    }

    @Test
    void privateNetworksAllowedLetsLoopbackAndHttpThroughButStillNeedsAResolvingHost() {
        assertThat(lenient.check("http://127.0.0.1:8080/hook").addresses()).hasSize(1);
        assertThat(lenient.check("https://localhost/hook").addresses()).hasSize(2);
        assertThat(lenient.allowsPrivateNetworks()).isTrue();
        assertThatThrownBy(() -> lenient.check("ftp://127.0.0.1/")).isInstanceOf(RefusedUrlException.class);
        assertThatThrownBy(() -> lenient.check("http://u@127.0.0.1/")).isInstanceOf(RefusedUrlException.class);
        assertThatThrownBy(() -> lenient.check("https://nowhere.invalid/"))
                .extracting(e -> ((RefusedUrlException) e).reason()).isEqualTo(RefusedUrlException.Reason.UNRESOLVED);
    }
}
