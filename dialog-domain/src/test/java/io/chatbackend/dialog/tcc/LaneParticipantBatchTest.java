package io.chatbackend.dialog.tcc;

import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccFence;
import io.chatbackend.platform.tcc.TryAndConfirmAttempt;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How the participant falls back from a batch that rolled back as a whole (the stores: the conformance suite). */
class LaneParticipantBatchTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final LaneParticipant participant = new LaneParticipant(commands, mock(TccFence.class),
            Clock.systemUTC());
    private final LaneSubject subject = new LaneSubject(UUID.randomUUID().toString(), UUID.randomUUID());

    @Test
    void aBatchThatRolledBackIsRunAttemptByAttempt_answersInOrder() {
        when(commands.sendAndWait(any(TryAndConfirmLaneTransactionsCommand.class)))
                .thenThrow(new ConcurrencyException("another instance appended first"));
        ConfirmOutcome<LaneConfirmation> first = new ConfirmOutcome.Confirmed<>(new LaneConfirmation(1, 7));
        ConfirmOutcome<LaneConfirmation> second = new ConfirmOutcome.Refused<>(LaneTccCodes.LANE_BUSY);
        when(commands.sendAndWait(new TryAndConfirmLaneTransactionCommand("a", subject))).thenReturn(first);
        when(commands.sendAndWait(new TryAndConfirmLaneTransactionCommand("b", subject))).thenReturn(second);

        assertThat(participant.tryAndConfirmAll(List.of(new TryAndConfirmAttempt<>("a", subject),
                new TryAndConfirmAttempt<>("b", subject)))).containsExactly(first, second);
    }

    @Test
    void aSenderWhoLeftDuringTheBatchIsRefusedAlone_theOthersAreConfirmed() {
        when(commands.sendAndWait(any(TryAndConfirmLaneTransactionsCommand.class)))
                .thenThrow(new SenderLeftDialogException("b"));
        ConfirmOutcome<LaneConfirmation> first = new ConfirmOutcome.Confirmed<>(new LaneConfirmation(1, 7));
        when(commands.sendAndWait(new TryAndConfirmLaneTransactionCommand("a", subject))).thenReturn(first);
        when(commands.sendAndWait(new TryAndConfirmLaneTransactionCommand("b", subject)))
                .thenThrow(new SenderLeftDialogException("b"));

        assertThat(participant.tryAndConfirmAll(List.of(new TryAndConfirmAttempt<>("a", subject),
                new TryAndConfirmAttempt<>("b", subject))))
                .containsExactly(first, new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER));
    }

    @Test
    void aLoneAttemptSkipsTheBatch() {
        ConfirmOutcome<LaneConfirmation> only = new ConfirmOutcome.Confirmed<>(new LaneConfirmation(3, 9));
        when(commands.sendAndWait(new TryAndConfirmLaneTransactionCommand("a", subject))).thenReturn(only);

        assertThat(participant.tryAndConfirmAll(List.of(new TryAndConfirmAttempt<>("a", subject))))
                .containsExactly(only);
        verify(commands, never()).sendAndWait(any(TryAndConfirmLaneTransactionsCommand.class));
    }

    @Test
    void anAttemptRunAloneKeepsWhoItWasFor() {
        ConfirmOutcome<LaneConfirmation> only = new ConfirmOutcome.Confirmed<>(new LaneConfirmation(3, 9));
        when(commands.sendAndWait(any(CommandMessage.class))).thenReturn(only);
        Map<String, String> audit = Map.of("onBehalfOf", "user:" + subject.senderId(), "correlationId", "r-1");

        assertThat(participant.tryAndConfirmAll(List.of(new TryAndConfirmAttempt<>("a", subject, audit))))
                .containsExactly(only);
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().getPayload()).isEqualTo(new TryAndConfirmLaneTransactionCommand("a", subject));
        assertThat(sent.getValue().getMetaData()).containsAllEntriesOf(audit);
    }
}
