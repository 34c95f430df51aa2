package io.chatbackend.platform.tcc.conformance;

import io.chatbackend.platform.tcc.CancelOutcome;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccCodes;
import io.chatbackend.platform.tcc.TccParticipant;
import io.chatbackend.platform.tcc.TryAndConfirmAttempt;
import io.chatbackend.platform.tcc.TryOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol every TCC participant must keep, as tests: extend it in a participant's test, say how to make a
 * fresh subject and which code means "busy", and it checks idempotency, empty rollback, anti-suspension, refusal of
 * Confirm-after-Cancel and Cancel-after-Confirm, self-expiry, and one transaction per subject under concurrency.
 *
 * @param <S> the subject reserved by Try
 * @param <R> the result of Confirm
 */
public abstract class TccParticipantConformance<S, R> {

    /** Long enough that nothing expires during a test by accident. */
    protected static final Duration LONG = Duration.ofSeconds(30);
    /** Short enough to wait out. */
    protected static final Duration SHORT = Duration.ofMillis(600);

    protected abstract TccParticipant<S, R> participant();

    /** A subject nobody else uses (e.g. a new lane of a new member). */
    protected abstract S newSubject();

    /** The business refusal code for a subject that another transaction holds. */
    protected abstract String busyCode();

    protected static String txId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void repeatedTryReservesOnceWithTheSameExpiry() {
        S subject = newSubject();
        String tx = txId();
        TryOutcome first = participant().tryReserve(tx, subject, LONG);
        TryOutcome again = participant().tryReserve(tx, subject, LONG);
        assertThat(first).isInstanceOf(TryOutcome.Reserved.class);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void repeatedConfirmReturnsTheSameResult() {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, LONG);
        ConfirmOutcome<R> first = participant().confirm(tx);
        assertThat(first).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(participant().confirm(tx)).isEqualTo(first);
        assertThat(participant().confirm(tx)).isEqualTo(first);
    }

    @Test
    void repeatedCancelStaysCancelled() {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, LONG);
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.CANCELLED);
    }

    @Test
    void cancelBeforeTryIsAnEmptyRollbackAndTheLateTryIsRefused() {
        S subject = newSubject();
        String tx = txId();
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(participant().tryReserve(tx, subject, LONG)).isEqualTo(new TryOutcome.Refused(
                TccCodes.ALREADY_CANCELLED));
        assertThat(participant().confirm(tx)).isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.ALREADY_CANCELLED));
        assertThat(participant().tryReserve(txId(), subject, LONG))
                .as("the suspended Try held nothing").isInstanceOf(TryOutcome.Reserved.class);
    }

    @Test
    void confirmAfterCancelIsRefused() {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, LONG);
        participant().cancel(tx);
        assertThat(participant().confirm(tx)).isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.ALREADY_CANCELLED));
    }

    @Test
    void cancelAfterConfirmIsRefused() {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, LONG);
        ConfirmOutcome<R> confirmed = participant().confirm(tx);
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.ALREADY_CONFIRMED);
        assertThat(participant().confirm(tx)).as("still confirmed").isEqualTo(confirmed);
    }

    @Test
    void confirmWithoutTryIsUnknown() {
        assertThat(participant().confirm(txId())).isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.UNKNOWN));
    }

    @Test
    void aReservationExpiresByItselfAndALateConfirmIsTooLate() throws Exception {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, SHORT);
        Thread.sleep(SHORT.toMillis() + 300);
        assertThat(participant().tryReserve(txId(), subject, LONG))
                .as("an expired reservation does not block the subject").isInstanceOf(TryOutcome.Reserved.class);
        ConfirmOutcome<R> late = participant().confirm(tx);
        assertThat(late).isInstanceOf(ConfirmOutcome.Refused.class);
        assertThat(((ConfirmOutcome.Refused<R>) late).code()).isIn(TccCodes.TOO_LATE, TccCodes.ALREADY_CANCELLED);
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.CANCELLED);
    }

    @Test
    void aLateConfirmOnAnUntouchedExpiredReservationIsTooLate() throws Exception {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, SHORT);
        Thread.sleep(SHORT.toMillis() + 300);
        assertThat(participant().confirm(tx)).isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.TOO_LATE));
        assertThat(participant().tryReserve(txId(), subject, LONG)).isInstanceOf(TryOutcome.Reserved.class);
    }

    @Test
    void aBusySubjectRefusesASecondTransactionAtOnceAndIsFreeAfterConfirm() {
        S subject = newSubject();
        String first = txId();
        participant().tryReserve(first, subject, LONG);
        assertThat(participant().tryReserve(txId(), subject, LONG)).isEqualTo(new TryOutcome.Refused(busyCode()));
        participant().confirm(first);
        assertThat(participant().tryReserve(txId(), subject, LONG)).isInstanceOf(TryOutcome.Reserved.class);
    }

    @Test
    void concurrentTriesOnOneSubjectReserveItForExactlyOne() throws Exception {
        S subject = newSubject();
        int reserved = 0;
        for (TryOutcome result : concurrently(8, () -> participant().tryReserve(txId(), subject, LONG))) {
            if (result instanceof TryOutcome.Reserved) {
                reserved++;
            } else {
                assertThat(result).isEqualTo(new TryOutcome.Refused(busyCode()));
            }
        }
        assertThat(reserved).isEqualTo(1);
    }

    @Test
    void repeatedTryAndConfirmReturnsTheSameResult_andConfirmRepeatsIt() {
        S subject = newSubject();
        String tx = txId();
        ConfirmOutcome<R> first = participant().tryAndConfirm(tx, subject);
        assertThat(first).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(participant().tryAndConfirm(tx, subject)).isEqualTo(first);
        assertThat(participant().confirm(tx)).as("a coordinator that lost the answer learns it").isEqualTo(first);
    }

    @Test
    void cancelAfterTryAndConfirmIsRefused() {
        S subject = newSubject();
        String tx = txId();
        ConfirmOutcome<R> confirmed = participant().tryAndConfirm(tx, subject);
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.ALREADY_CONFIRMED);
        assertThat(participant().confirm(tx)).as("still confirmed").isEqualTo(confirmed);
    }

    @Test
    void cancelBeforeTryAndConfirmRefusesIt_andHoldsNothing() {
        S subject = newSubject();
        String tx = txId();
        assertThat(participant().cancel(tx)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(participant().tryAndConfirm(tx, subject))
                .isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.ALREADY_CANCELLED));
        assertThat(participant().tryReserve(txId(), subject, LONG)).isInstanceOf(TryOutcome.Reserved.class);
    }

    @Test
    void tryAndConfirmOnASubjectHeldByAnotherTryIsBusy_andHoldsNothingAfterwards() {
        S subject = newSubject();
        String holder = txId();
        participant().tryReserve(holder, subject, LONG);
        String tx = txId();
        assertThat(participant().tryAndConfirm(tx, subject)).isEqualTo(new ConfirmOutcome.Refused<R>(busyCode()));
        assertThat(participant().confirm(tx)).as("the refused step left no trace")
                .isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.UNKNOWN));
        participant().cancel(holder);
        assertThat(participant().tryAndConfirm(tx, subject)).isInstanceOf(ConfirmOutcome.Confirmed.class);
    }

    @Test
    void aTryAndConfirmAfterAPlainTryOfTheSameTransactionConfirmsIt() {
        S subject = newSubject();
        String tx = txId();
        participant().tryReserve(tx, subject, LONG);
        ConfirmOutcome<R> confirmed = participant().tryAndConfirm(tx, subject);
        assertThat(confirmed).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(participant().confirm(tx)).isEqualTo(confirmed);
    }

    @Test
    void concurrentTryAndConfirmsOnOneSubjectEachConfirmOnceWithTheirOwnResult() throws Exception {
        S subject = newSubject();
        List<ConfirmOutcome<R>> results = concurrently(6, () -> participant().tryAndConfirm(txId(), subject));
        // nothing is held across a round trip, so no contender finds the subject busy: each is confirmed
        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(ConfirmOutcome.Confirmed.class));
        assertThat(results).doesNotHaveDuplicates();
    }

    @Test
    void aBatchAnswersEachAttemptAsItWouldBeAnsweredAlone() {
        S fresh = newSubject();
        S cancelledFirst = newSubject();
        S held = newSubject();
        S confirmedBefore = newSubject();
        String freshTx = txId();
        String cancelledTx = txId();
        participant().cancel(cancelledTx);
        participant().tryReserve(txId(), held, LONG);
        String busyTx = txId();
        String repeatedTx = txId();
        ConfirmOutcome<R> before = participant().tryAndConfirm(repeatedTx, confirmedBefore);

        List<ConfirmOutcome<R>> answers = participant().tryAndConfirmAll(List.of(
                new TryAndConfirmAttempt<>(freshTx, fresh), new TryAndConfirmAttempt<>(cancelledTx, cancelledFirst),
                new TryAndConfirmAttempt<>(busyTx, held), new TryAndConfirmAttempt<>(repeatedTx, confirmedBefore)));

        assertThat(answers).hasSize(4);
        assertThat(answers.get(0)).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(answers.get(1)).isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.ALREADY_CANCELLED));
        assertThat(answers.get(2)).isEqualTo(new ConfirmOutcome.Refused<R>(busyCode()));
        assertThat(answers.get(3)).as("a repeat returns the same result").isEqualTo(before);
        assertThat(participant().confirm(freshTx)).as("a coordinator that lost the answer learns it")
                .isEqualTo(answers.get(0));
        assertThat(participant().cancel(freshTx)).isEqualTo(CancelOutcome.ALREADY_CONFIRMED);
        assertThat(participant().confirm(busyTx)).as("the refused attempt left no trace")
                .isEqualTo(new ConfirmOutcome.Refused<R>(TccCodes.UNKNOWN));
        assertThat(participant().tryReserve(txId(), cancelledFirst, LONG))
                .as("the refused attempt held nothing").isInstanceOf(TryOutcome.Reserved.class);
    }

    @Test
    void aBatchConfirmsTwoAttemptsOnOneSubject_andTheSameAttemptTwiceAlike() {
        S subject = newSubject();
        String first = txId();
        String second = txId();
        List<ConfirmOutcome<R>> answers = participant().tryAndConfirmAll(List.of(
                new TryAndConfirmAttempt<>(first, subject), new TryAndConfirmAttempt<>(second, subject),
                new TryAndConfirmAttempt<>(first, subject)));
        assertThat(answers.get(0)).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(answers.get(1)).isInstanceOf(ConfirmOutcome.Confirmed.class).isNotEqualTo(answers.get(0));
        assertThat(answers.get(2)).isEqualTo(answers.get(0));
        assertThat(participant().confirm(second)).isEqualTo(answers.get(1));
    }

    @Test
    void concurrentBatchesOverSharedSubjectsConfirmEveryAttemptOnce() throws Exception {
        List<S> subjects = List.of(newSubject(), newSubject(), newSubject());
        List<Map<S, ConfirmOutcome<R>>> batches = concurrently(4, () -> {
            List<S> order = new ArrayList<>(subjects);
            Collections.shuffle(order);
            List<ConfirmOutcome<R>> answers = participant().tryAndConfirmAll(order.stream()
                    .map(subject -> new TryAndConfirmAttempt<>(txId(), subject)).toList());
            Map<S, ConfirmOutcome<R>> bySubject = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                bySubject.put(order.get(i), answers.get(i));
            }
            return bySubject;
        });
        for (S subject : subjects) {
            List<ConfirmOutcome<R>> onSubject = batches.stream().map(batch -> batch.get(subject)).toList();
            assertThat(onSubject).as("every batch's attempt on one subject, each confirmed with its own result")
                    .hasSize(4)
                    .allSatisfy(result -> assertThat(result).isInstanceOf(ConfirmOutcome.Confirmed.class))
                    .doesNotHaveDuplicates();
        }
    }

    /** Runs {@code attempt} on {@code contenders} threads released at once; their results in submission order. */
    private static <T> List<T> concurrently(int contenders, Callable<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
