package io.chatbackend.uaa.token;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.userclient.contract.DeviceRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes user-client's {@link DeviceRevoked} (topic {@code userclient.users.v1}): the device's refresh tokens are
 * revoked, so it cannot get new access tokens. Idempotent (see {@link RefreshTokens#revokeDeviceFamilies}); other
 * event types of the topic are ignored.
 */
public class DeviceRevocations implements IntegrationEventHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceRevocations.class);

    private final RefreshTokens refreshTokens;
    private final IntegrationEventCodec codec;

    public DeviceRevocations(RefreshTokens refreshTokens, IntegrationEventCodec codec) {
        this.refreshTokens = refreshTokens;
        this.codec = codec;
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        if (!DeviceRevoked.TYPE.equals(event.type())) {
            return;
        }
        DeviceRevoked revoked = codec.payload(event, DeviceRevoked.class);
        if (revoked.userId() == null || revoked.deviceId() == null) {
            log.warn("DeviceRevoked {} names no user or device; passed over", event.eventId());
            return;
        }
        int tokens = refreshTokens.revokeDeviceFamilies(revoked.userId(), revoked.deviceId());
        log.info("Device {} of user {} revoked: {} refresh tokens revoked", revoked.deviceId(), revoked.userId(),
                tokens);
    }
}
