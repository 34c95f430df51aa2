package io.chatbackend.notification.ticket;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TicketSignerTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final TicketSigner signer = new TicketSigner(SECRET, Duration.ofSeconds(30), clock);
    private final UUID user = UUID.randomUUID();

    @Test
    void aTicketVerifiesToWhatItWasIssuedFor() {
        TicketSigner.Issued issued = signer.issue(user, "phone.1|odd device", "node.7:a");

        assertThat(signer.verify(issued.token())).contains(issued.ticket());
        assertThat(issued.ticket().userId()).isEqualTo(user);
        assertThat(issued.ticket().deviceId()).isEqualTo("phone.1|odd device");
        assertThat(issued.ticket().expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(issued.ticket().nodeId()).as("dots in a node id survive").isEqualTo("node.7:a");
        assertThat(issued.token()).as("URL-safe").matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void anyNodeWithTheSecretVerifiesIt() {
        TicketSigner otherNode = new TicketSigner(SECRET, Duration.ofSeconds(30), clock);
        assertThat(otherNode.verify(signer.issue(user, "d", "n1").token())).isPresent();
    }

    @Test
    void theNodeItNamesCannotBeChanged() {
        String token = signer.issue(user, "d", "node-a").token();
        String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString("node-a".getBytes());
        String otherNode = claims.replace(b64, Base64.getUrlEncoder().withoutPadding()
                .encodeToString("node-b".getBytes()));
        assertThat(otherNode).isNotEqualTo(claims);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(otherNode.getBytes())
                + token.substring(token.indexOf('.'));
        assertThat(signer.verify(forged)).isEmpty();
        assertThat(signer.verify(token)).map(WsTicket::nodeId).contains("node-a");
    }

    @Test
    void anExpiredTicketIsRefused() {
        String token = signer.issue(user, "d", "n1").token();
        clock.advance(Duration.ofSeconds(29));
        assertThat(signer.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signer.verify(token)).isEmpty();
    }

    @Test
    void aForeignKeyATamperedClaimOrGarbageIsRefused() {
        String token = signer.issue(user, "d", "n1").token();
        TicketSigner foreign = new TicketSigner("another-secret-that-is-long-enough-987654321", Duration.ofSeconds(30),
                clock);
        assertThat(foreign.verify(token)).isEmpty();

        // same signature, claims of another user
        String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String forged = claims.replace(user.toString(), UUID.randomUUID().toString());
        String forgedToken = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + token.substring(token.indexOf('.'));
        assertThat(signer.verify(forgedToken)).isEmpty();

        assertThat(signer.verify(null)).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify("abc")).isEmpty();
        assertThat(signer.verify("a.b.c")).isEmpty();
        assertThat(signer.verify("!!!.???")).isEmpty();
        assertThat(signer.verify(token + "x")).isEmpty();
    }

    @Test
    void aTicketIsUsableOnceAndForgottenAfterItExpires() {
        UsedNonces used = new UsedNonces(clock);
        WsTicket first = signer.issue(user, "d", "n1").ticket();
        WsTicket second = signer.issue(user, "d", "n1").ticket();

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(used.markUsed(first)).isTrue();
        assertThat(used.markUsed(first)).as("reuse").isFalse();
        assertThat(used.markUsed(second)).isTrue();

        clock.advance(Duration.ofSeconds(31));
        used.markUsed(signer.issue(user, "d", "n1").ticket());
        assertThat(used.size()).as("expired nonces are let go; the signature check refuses their tickets")
                .isEqualTo(1);
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
