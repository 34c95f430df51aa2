package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.DialogDomainIntegrationTest;
import io.chatbackend.dialog.command.CreateDialogCommand;
import io.chatbackend.dialog.command.DialogType;
import io.chatbackend.dialog.command.SenderLane;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TryOutcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Lanes and dialogs grow with every message: their streams are snapshotted, and numbering continues across it. */
class LongStreamsIT extends DialogDomainIntegrationTest {

    @Autowired
    LaneParticipant participant;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("dialogCache")
    Cache dialogCache;
    @Autowired
    @Qualifier("laneCache")
    Cache laneCache;

    @Test
    void snapshotsKeepTheSequencesDense() {
        UUID sender = UUID.randomUUID();
        String dialogId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateDialogCommand(dialogId, DialogType.GROUP, "long", sender,
                List.of(UUID.randomUUID()), 10));
        LaneSubject lane = new LaneSubject(dialogId, sender);
        for (int i = 1; i <= 12; i++) {
            String tx = UUID.randomUUID().toString();
            assertThat(participant.tryReserve(tx, lane, Duration.ofSeconds(30))).isInstanceOf(TryOutcome.Reserved.class);
            if (i == 7) {
                // load from the store (snapshot + newer events), not from memory
                dialogCache.removeAll();
                laneCache.removeAll();
            }
            ConfirmOutcome<LaneConfirmation> confirmed = participant.confirm(tx);
            assertThat(confirmed).isEqualTo(new ConfirmOutcome.Confirmed<>(new LaneConfirmation(i, i)));
        }
        String laneId = SenderLane.idOf(dialogId, sender);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Integer.class, laneId)).as("the lane's stream was snapshotted").isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Integer.class, dialogId)).as("the dialog's stream was snapshotted").isPositive();
    }
}
