package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.command.AppendMessageCommand;
import io.chatbackend.dialog.command.DialogCommandResult;
import io.chatbackend.dialog.command.LaneOutcome;
import io.chatbackend.dialog.command.TakeLaneCommand;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccFence;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How a batch of Try-and-Confirms shares its statements and still answers each attempt as alone. */
class LaneBatchHandlerTest {

    private final TccFence fence = mock(TccFence.class);
    private final LaneSenders senders = mock(LaneSenders.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private final LaneBatchHandler handler = new LaneBatchHandler(fence, commands, senders,
            Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC), LaneCrashPoint.NONE);

    private final LaneSubject later = new LaneSubject("b0000000-0000-0000-0000-000000000000", UUID.randomUUID());
    private final LaneSubject earlier = new LaneSubject("a0000000-0000-0000-0000-000000000000", UUID.randomUUID());

    LaneBatchHandlerTest() {
        when(commands.sendAndWait(any(CommandMessage.class))).thenAnswer(call -> {
            CommandMessage<?> command = call.getArgument(0);
            sent.add(command);
            if (command.getPayload() instanceof TakeLaneCommand take) {
                return take.txId().startsWith("busy") ? new LaneOutcome(LaneOutcome.Kind.BUSY, 0)
                        : new LaneOutcome(LaneOutcome.Kind.CONFIRMED, sent.size());
            }
            if (command.getPayload() instanceof AppendMessageCommand) {
                return DialogCommandResult.appended(100 + sent.size());
            }
            return new ConfirmOutcome.Confirmed<>(new LaneConfirmation(7, 70)); // an attempt run as alone
        });
    }

    @Test
    void oneStatementEachForWhoMaySendAndTheFence_answersInTheBatchsOrder() {
        when(senders.maySend(anyList())).thenReturn(new boolean[] {true, false, true});
        when(fence.recordTries(anyList())).thenReturn(Set.of("t-later", "t-earlier"));

        List<ConfirmOutcome<LaneConfirmation>> answers = handler.handle(batch(
                new TryAndConfirmLaneTransactionCommand("t-later", later),
                new TryAndConfirmLaneTransactionCommand("t-stranger", later),
                new TryAndConfirmLaneTransactionCommand("t-earlier", earlier)));

        assertThat(answers.get(0)).isEqualTo(new ConfirmOutcome.Confirmed<>(new LaneConfirmation(3, 104)));
        assertThat(answers.get(1)).isEqualTo(new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER));
        assertThat(answers.get(2)).as("run first: its lane sorts first")
                .isEqualTo(new ConfirmOutcome.Confirmed<>(new LaneConfirmation(1, 102)));
        assertThat(sent).extracting(command -> command.getMetaData().get("correlationId"))
                .as("each step carries its own attempt's audit").containsExactly("r-2", "r-2", "r-0", "r-0");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<TccFence.Tried>> tries = ArgumentCaptor.forClass(List.class);
        verify(fence).recordTries(tries.capture());
        assertThat(tries.getValue()).extracting(TccFence.Tried::txId).containsExactly("t-earlier", "t-later");
        verify(fence).markConfirmed(Map.of("t-earlier", "1:102", "t-later", "3:104"));
    }

    @Test
    void anAttemptTheFenceKnewRunsAsAlone_afterTheConfirmationsBeforeItAreRecorded() {
        when(senders.maySend(anyList())).thenReturn(new boolean[] {true, true});
        when(fence.recordTries(anyList())).thenReturn(Set.of("t-new"));

        List<ConfirmOutcome<LaneConfirmation>> answers = handler.handle(batch(
                new TryAndConfirmLaneTransactionCommand("t-new", earlier),
                new TryAndConfirmLaneTransactionCommand("t-known", later)));

        assertThat(answers.get(1)).isEqualTo(new ConfirmOutcome.Confirmed<>(new LaneConfirmation(7, 70)));
        InOrder order = inOrder(fence, commands);
        order.verify(fence).markConfirmed(Map.of("t-new", "1:102"));
        order.verify(commands).sendAndWait(any(CommandMessage.class));
        assertThat(sent.get(2).getPayload()).isEqualTo(new TryAndConfirmLaneTransactionCommand("t-known", later));
        assertThat(sent.get(2).getMetaData()).containsEntry("correlationId", "r-1");
    }

    @Test
    void aBusyLaneForgetsItsTry_andIsNotConfirmed() {
        when(senders.maySend(anyList())).thenReturn(new boolean[] {true, true});
        when(fence.recordTries(anyList())).thenReturn(Set.of("busy-1", "t-2"));

        List<ConfirmOutcome<LaneConfirmation>> answers = handler.handle(batch(
                new TryAndConfirmLaneTransactionCommand("busy-1", earlier),
                new TryAndConfirmLaneTransactionCommand("t-2", later)));

        assertThat(answers.get(0)).isEqualTo(new ConfirmOutcome.Refused<>(LaneTccCodes.LANE_BUSY));
        verify(fence).forgetTry("busy-1");
        verify(fence, times(1)).markConfirmed(Map.of("t-2", "2:103"));
    }

    private static TryAndConfirmLaneTransactionsCommand batch(TryAndConfirmLaneTransactionCommand... attempts) {
        List<Map<String, String>> audits = new ArrayList<>();
        for (int i = 0; i < attempts.length; i++) {
            audits.add(Map.of("correlationId", "r-" + i));
        }
        return new TryAndConfirmLaneTransactionsCommand(List.of(attempts), audits);
    }
}
