package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.DialogDomainIntegrationTest;
import io.chatbackend.dialog.command.BlockUserCommand;
import io.chatbackend.dialog.command.CreateDialogCommand;
import io.chatbackend.dialog.command.DialogType;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccParticipant;
import io.chatbackend.platform.tcc.TryAndConfirmAttempt;
import io.chatbackend.platform.tcc.conformance.TccParticipantConformance;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender-lane participant keeps the TCC protocol (the generic conformance suite) on the real stores. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.dialog.lane-sweep-interval=PT0.2S", "chat.dialog.max-group-size=5"})
class LaneParticipantConformanceIT extends TccParticipantConformance<LaneSubject, LaneConfirmation> {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "lanes");
        DialogDomainIntegrationTest.IDENTITY.register(registry);
    }

    @Autowired
    LaneParticipant participant;
    @Autowired
    CommandGateway commands;

    @Override
    protected TccParticipant<LaneSubject, LaneConfirmation> participant() {
        return participant;
    }

    @Override
    protected LaneSubject newSubject() {
        UUID sender = UUID.randomUUID();
        String dialogId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateDialogCommand(dialogId, DialogType.GROUP, "conformance", sender,
                List.of(UUID.randomUUID()), 10));
        return new LaneSubject(dialogId, sender);
    }

    /** Who may send is asked once for a whole batch, and answered per attempt as alone (ADR 0024's blocks too). */
    @Test
    void aBatchRefusesStrangersAndBlockedSendersAlone_andConfirmsTheOthers() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String direct = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateDialogCommand(direct, DialogType.DIRECT, null, alice, List.of(bob), 2));
        commands.sendAndWait(new BlockUserCommand(bob.toString(), alice, Instant.now()));
        LaneSubject member = newSubject();
        LaneSubject stranger = new LaneSubject(member.dialogId(), UUID.randomUUID());

        List<ConfirmOutcome<LaneConfirmation>> answers = participant.tryAndConfirmAll(List.of(
                new TryAndConfirmAttempt<>(txId(), stranger), new TryAndConfirmAttempt<>(txId(), member),
                new TryAndConfirmAttempt<>(txId(), new LaneSubject(direct, alice)),
                new TryAndConfirmAttempt<>(txId(), new LaneSubject(direct, bob))));

        assertThat(answers.get(0)).isEqualTo(new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER));
        assertThat(answers.get(1)).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(answers.get(2)).as("blocked by the other member")
                .isEqualTo(new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER));
        assertThat(answers.get(3)).as("the blocker may still send").isInstanceOf(ConfirmOutcome.Confirmed.class);
    }

    @Override
    protected String busyCode() {
        return LaneTccCodes.LANE_BUSY;
    }
}
