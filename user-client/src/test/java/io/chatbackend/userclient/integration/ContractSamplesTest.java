package io.chatbackend.userclient.integration;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.PresenceChanged;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples read as their contract types: user-client's own (what its consumers will read) and dialog-domain's
 * membership events (what {@link DialogMembership} reads), through the same tolerant codec the consumers use.
 */
class ContractSamplesTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void userClientSamplesAreCompleteEnvelopesOfItsEvents() throws Exception {
        IntegrationEvent revoked = read(DeviceRevoked.SAMPLE);
        assertThat(revoked.type()).isEqualTo(DeviceRevoked.TYPE);
        assertThat(revoked.version()).isEqualTo(DeviceRevoked.VERSION);
        DeviceRevoked device = codec.payload(revoked, DeviceRevoked.class);
        assertThat(device.userId()).hasToString(revoked.aggregateId());
        assertThat(device.deviceId()).isNotBlank();
        assertThat(device.revokedAt()).isNotNull();

        IntegrationEvent changed = read(PresenceChanged.SAMPLE);
        assertThat(changed.type()).isEqualTo(PresenceChanged.TYPE);
        PresenceChanged presence = codec.payload(changed, PresenceChanged.class);
        assertThat(presence.userId()).hasToString(changed.aggregateId());
        assertThat(presence.online()).isFalse();
        assertThat(presence.lastSeenAt()).isNotNull();
        assertThat(UserClientTopics.sample(PresenceChanged.TYPE)).isEqualTo(PresenceChanged.SAMPLE);
    }

    @Test
    void dialogContractMembershipSamplesReadAsTheRecordsTheConsumerUses() throws Exception {
        IntegrationEvent joined = read(DialogTopics.sample(MemberJoined.TYPE));
        MemberJoined member = codec.payload(joined, MemberJoined.class);
        assertThat(member.dialogId()).hasToString(joined.aggregateId());
        assertThat(member.userId()).isNotNull();
        assertThat(joined.aggregateSequence()).isPositive();

        IntegrationEvent left = read(DialogTopics.sample(MemberLeft.TYPE));
        MemberLeft gone = codec.payload(left, MemberLeft.class);
        assertThat(gone.dialogId()).hasToString(left.aggregateId());
        assertThat(gone.userId()).isNotNull();
        assertThat(left.aggregateSequence()).isGreaterThan(joined.aggregateSequence());
    }

    private IntegrationEvent read(String resource) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return codec.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
