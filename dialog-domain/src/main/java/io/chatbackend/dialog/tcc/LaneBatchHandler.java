package io.chatbackend.dialog.tcc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatbackend.dialog.command.LaneOutcome;
import io.chatbackend.dialog.command.SenderLane;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccFence;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Several Try-and-Confirms in one unit of work, so concurrent sends share one commit (ADR 0020): who may send, and
 * the fence rows, of all attempts in one statement each; each attempt's lane and dialog steps as nested commands
 * with its own audit metadata. Every attempt is answered as it would be alone: one whose transaction the fence
 * already knew (a repeat, a Cancel that came first, the same transaction twice in the batch) runs exactly as alone,
 * after the confirmations before it are recorded.
 *
 * <p>Attempts run ordered by lane (a stable sort keeps two attempts on one lane in their order), so two batches take
 * the locks of the lanes they share in the same order.
 */
@Component
class LaneBatchHandler {

    private final TccFence fence;
    private final CommandGateway commands;
    private final LaneSenders senders;
    private final LaneSteps steps;
    private final Clock clock;
    private final LaneCrashPoint crashPoint;

    LaneBatchHandler(TccFence fence, CommandGateway commands, LaneSenders senders, Clock clock,
                     @Value("${chat.dialog.crash-point:NONE}") LaneCrashPoint crashPoint) {
        this.fence = fence;
        this.commands = commands;
        this.senders = senders;
        this.steps = new LaneSteps(commands);
        this.clock = clock;
        this.crashPoint = crashPoint;
    }

    @CommandHandler
    List<ConfirmOutcome<LaneConfirmation>> handle(TryAndConfirmLaneTransactionsCommand command) {
        List<TryAndConfirmLaneTransactionCommand> attempts = command.attempts();
        Integer[] order = new Integer[attempts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> attempts.get(i).subject().dialogId())
                .thenComparing(i -> attempts.get(i).subject().senderId()));
        boolean[] allowed = senders.maySend(attempts.stream().map(TryAndConfirmLaneTransactionCommand::subject)
                .toList());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, TccFence.Tried> tries = new LinkedHashMap<>();
        for (int i : order) {
            TryAndConfirmLaneTransactionCommand attempt = attempts.get(i);
            if (allowed[i]) {
                tries.putIfAbsent(attempt.txId(), new TccFence.Tried(attempt.txId(), laneOf(attempt), now.plus(
                        LaneTransactionHandler.ONE_STEP_HOLD)));
            }
        }
        Set<String> recordedNow = new HashSet<>(fence.recordTries(List.copyOf(tries.values())));

        List<ConfirmOutcome<LaneConfirmation>> outcomes = new ArrayList<>(attempts.size());
        attempts.forEach(attempt -> outcomes.add(null));
        Map<String, String> confirmed = new LinkedHashMap<>();
        for (int i : order) {
            TryAndConfirmLaneTransactionCommand attempt = attempts.get(i);
            Map<String, String> audit = command.audits().get(i);
            if (!allowed[i]) {
                outcomes.set(i, new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER));
            } else if (recordedNow.remove(attempt.txId())) {
                outcomes.set(i, takeAndAppend(attempt, now, audit, confirmed));
            } else {
                fence.markConfirmed(confirmed);
                confirmed = new LinkedHashMap<>();
                outcomes.set(i, commands.sendAndWait(GenericCommandMessage.asCommandMessage(attempt)
                        .andMetaData(audit)));
            }
            if (attempts.size() > 1) {
                LaneCrashPoint.IN_BATCHED_TRY_CONFIRM.reachedIf(crashPoint);
            }
        }
        fence.markConfirmed(confirmed);
        return outcomes;
    }

    /** An attempt whose Try was recorded now: the lane numbers it and the dialog appends it, or the lane is busy. */
    private ConfirmOutcome<LaneConfirmation> takeAndAppend(TryAndConfirmLaneTransactionCommand attempt, Instant now,
                                                           Map<String, String> audit, Map<String, String> confirmed) {
        LaneOutcome lane = steps.take(attempt.txId(), attempt.subject(), now, audit);
        if (lane.kind() == LaneOutcome.Kind.BUSY) {
            fence.forgetTry(attempt.txId());
            return new ConfirmOutcome.Refused<>(LaneTccCodes.LANE_BUSY);
        }
        LaneConfirmation confirmation = steps.append(attempt.txId(), laneOf(attempt), lane.senderSeq(), audit);
        confirmed.put(attempt.txId(), confirmation.encode());
        return new ConfirmOutcome.Confirmed<>(confirmation);
    }

    private static String laneOf(TryAndConfirmLaneTransactionCommand attempt) {
        return SenderLane.idOf(attempt.subject().dialogId(), attempt.subject().senderId());
    }
}
