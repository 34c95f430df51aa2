package io.chatbackend.uaa.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.UUID;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.contract.ContractSample;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.userclient.contract.DeviceRevoked;
import org.junit.jupiter.api.Test;

/**
 * What uaa consumes, read from every frozen sample of every version (docs/evolving-a-context.md): user-client's
 * {@code DeviceRevoked} revokes that device's refresh tokens.
 */
class ConsumedContractsTest {

    private final ContractSamples samples = ContractSamples.onClasspath();
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void everyDeviceRevokedSampleRevokesThatDevicesRefreshTokens() throws Exception {
        List<ContractSample> revocations = samples.of(DeviceRevoked.TYPE);
        assertThat(revocations).isNotEmpty();
        for (ContractSample sample : revocations) {
            RefreshTokens refreshTokens = mock(RefreshTokens.class);
            new DeviceRevocations(refreshTokens, codec).handle(sample.event().aggregateId(), sample.event());
            verify(refreshTokens).revokeDeviceFamilies(UUID.fromString(sample.event().payload().get("userId")
                    .asString()), sample.event().payload().get("deviceId").asString());
        }
    }
}
