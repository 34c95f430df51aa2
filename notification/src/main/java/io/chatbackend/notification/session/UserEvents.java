package io.chatbackend.notification.session;

import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.PresenceChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * user-client's events as this node acts on them: {@code DeviceRevoked} closes every session of that device here
 * (4401 "revoked"); {@code PresenceChanged} becomes a {@code presence} frame for each session subscribed to that
 * user whose user shares a dialog with them (the fan-out's membership view).
 */
public final class UserEvents implements Consumer<IntegrationEvent> {

    private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

    private final SessionRegistry sessions;
    private final PresenceSubscriptions presence;
    private final MembershipView view;
    private final IntegrationEventCodec codec;

    public UserEvents(SessionRegistry sessions, PresenceSubscriptions presence, MembershipView view,
                      IntegrationEventCodec codec) {
        this.sessions = sessions;
        this.presence = presence;
        this.view = view;
        this.codec = codec;
    }

    @Override
    public void accept(IntegrationEvent event) {
        switch (event.type()) {
            case DeviceRevoked.TYPE -> {
                DeviceRevoked revoked = codec.payload(event, DeviceRevoked.class);
                for (LiveSession session : sessions.sessionsOf(revoked.userId())) {
                    if (session.deviceId().equals(revoked.deviceId())) {
                        log.info("Session {}: device {} of {} revoked; closing", session.id(), revoked.deviceId(),
                                revoked.userId());
                        session.terminate(SessionsRegistrar.REVOKED, "revoked");
                    }
                }
            }
            case PresenceChanged.TYPE -> {
                PresenceChanged changed = codec.payload(event, PresenceChanged.class);
                FrameBody.Presence frame = new FrameBody.Presence(changed.userId(), changed.online(),
                        changed.lastSeenAt());
                for (LiveSession subscriber : presence.subscribersOf(changed.userId())) {
                    if (view.seesPresenceOf(subscriber.userId(), changed.userId())) {
                        subscriber.send(frame);
                    }
                }
            }
            default -> {
                // other user events: not for live sessions
            }
        }
    }
}
