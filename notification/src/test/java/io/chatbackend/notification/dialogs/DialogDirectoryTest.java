package io.chatbackend.notification.dialogs;

import io.chatbackend.notification.DialogDomainStandInAccess;
import io.chatbackend.platform.web.ServiceTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The client of dialog-domain's delivery endpoints against a stand-in HTTP server of their shape. */
class DialogDirectoryTest {

    private static final DialogDomainStandInAccess DIALOGS = new DialogDomainStandInAccess();

    private final DialogDirectory directory = new DialogDirectory(DIALOGS.baseUrl(),
            new ServiceTokens(null, "unused", "notification", "secret", "delivery", Clock.systemUTC()) {
                @Override
                public synchronized String token() {
                    return "a-service-token";
                }
            });

    @AfterAll
    static void stop() {
        DIALOGS.close();
    }

    @Test
    void readsMembershipsAndHistoryAsAMemberSeesIt() {
        UUID dialog = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        DIALOGS.join(dialog, alice);
        DIALOGS.append(dialog, alice, "one");
        DIALOGS.join(dialog, carol);
        DIALOGS.append(dialog, alice, "two");
        DIALOGS.append(dialog, carol, "three");

        assertThat(directory.dialogsOf(carol).block(Duration.ofSeconds(5)))
                .containsExactly(new UserDialog(dialog, 2, 3L));
        assertThat(directory.membersOf(dialog).block(Duration.ofSeconds(5))).hasSize(2);

        HistoryPage carols = directory.history(dialog, carol, 0, 1).block(Duration.ofSeconds(5));
        assertThat(carols.member()).isTrue();
        assertThat(carols.hasMore()).isTrue();
        assertThat(carols.items()).extracting(HistoryItem::dialogSeq).containsExactly(2L);
        assertThat(carols.items().get(0).body().text()).isEqualTo("two");
        assertThat(carols.items().get(0).sentAt()).isNotNull();
        assertThat(directory.history(dialog, alice, 1, 200).block(Duration.ofSeconds(5)).items())
                .extracting(HistoryItem::dialogSeq).containsExactly(2L, 3L);
        assertThat(directory.lastEpoch()).isEqualTo(1);

        assertThat(directory.history(dialog, UUID.randomUUID(), 0, 10).block(Duration.ofSeconds(5)).member())
                .as("404 DIALOG_NOT_FOUND: not a member").isFalse();
        assertThat(directory.membersOf(UUID.randomUUID()).block(Duration.ofSeconds(5))).isEmpty();
    }
}
