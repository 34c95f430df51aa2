package io.chatbackend.notification.membership;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipViewTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final MembershipView view = new MembershipView(codec);
    private final UUID dialog = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void recipientsAreTheMembersWhoJoinedAtOrBeforeTheMessage() {
        view.apply(event(MemberJoined.TYPE, 1, new MemberJoined(dialog, alice, "ADMIN", 1, alice)));
        view.apply(event(MemberJoined.TYPE, 2, new MemberJoined(dialog, bob, "MEMBER", 5, alice)));

        assertThat(view.recipients(dialog, 4)).containsExactly(alice);
        assertThat(view.recipients(dialog, 5)).containsExactlyInAnyOrder(alice, bob);
        assertThat(view.sees(dialog, bob, 4)).isFalse();
        assertThat(view.recipients(UUID.randomUUID(), 1)).isEmpty();
    }

    @Test
    void aRedeliveredJoinDoesNotUndoALaterLeaveButARejoinCounts() {
        IntegrationEvent join = event(MemberJoined.TYPE, 1, new MemberJoined(dialog, bob, "MEMBER", 1, alice));
        view.apply(join);
        view.apply(event(MemberLeft.TYPE, 2, new MemberLeft(dialog, bob, alice)));
        view.apply(join);
        assertThat(view.recipients(dialog, 10)).isEmpty();

        view.apply(event(MemberJoined.TYPE, 3, new MemberJoined(dialog, bob, "MEMBER", 8, alice)));
        assertThat(view.recipients(dialog, 7)).isEmpty();
        assertThat(view.recipients(dialog, 8)).containsExactly(bob);
    }

    @Test
    void aBlockerLooksLikeAStrangerToWhomTheyBlockedUntilTheNewestEventLiftsIt() {
        UUID carol = UUID.randomUUID();
        view.apply(event(MemberJoined.TYPE, 1, new MemberJoined(dialog, alice, "ADMIN", 1, alice)));
        view.apply(event(MemberJoined.TYPE, 2, new MemberJoined(dialog, bob, "MEMBER", 1, alice)));
        view.apply(event(MemberJoined.TYPE, 3, new MemberJoined(dialog, carol, "MEMBER", 1, alice)));
        assertThat(view.seesPresenceOf(bob, alice)).isTrue();

        IntegrationEvent block = event(UserBlocked.TYPE, 0, new UserBlocked(alice, bob, Instant.now()));
        view.apply(block);
        assertThat(view.seesPresenceOf(bob, alice)).as("blocked").isFalse();
        assertThat(view.seesPresenceOf(alice, bob)).as("the blocker still sees").isTrue();
        assertThat(view.seesPresenceOf(carol, alice)).as("others still see").isTrue();

        view.apply(event(UserUnblocked.TYPE, 1, new UserUnblocked(alice, bob, Instant.now())));
        view.apply(block); // redelivered: must not undo the newer unblock
        assertThat(view.seesPresenceOf(bob, alice)).isTrue();
        assertThat(view.seesPresenceOf(UUID.randomUUID(), alice)).as("a stranger").isFalse();
    }

    private IntegrationEvent event(String type, long sequence, Object payload) {
        return new IntegrationEvent(UUID.randomUUID().toString(), type, 1, Instant.now(), dialog.toString(), sequence,
                null, null, codec.payloadOf(payload));
    }
}
