package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.DialogDomainIntegrationTest;
import io.chatbackend.dialog.command.CreateDialogCommand;
import io.chatbackend.dialog.command.DialogType;
import io.chatbackend.platform.tcc.TccParticipant;
import io.chatbackend.platform.tcc.conformance.TccParticipantConformance;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;

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

    @Override
    protected String busyCode() {
        return LaneTccCodes.LANE_BUSY;
    }
}
