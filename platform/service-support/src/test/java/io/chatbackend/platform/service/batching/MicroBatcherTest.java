package io.chatbackend.platform.service.batching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroBatcherTest {

    @Test
    void aLoneItemIsPassedOnAtOnce() {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 8, 1,
                items -> items.stream().map(i -> i * 2).toList())) {
            assertThat(batcher.submit(21)).isEqualTo(42);
        }
    }

    @Test
    void itemsQueuedDuringACallShareTheNextOne_andEachCallerGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstCallEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstCall = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(9);
        try (MicroBatcher<Integer, String> batcher = new MicroBatcher<>("test", 16, 1, items -> {
            batchSizes.add(items.size());
            firstCallEntered.countDown();
            await(releaseFirstCall);
            return items.stream().map(i -> "answer " + i).toList();
        })) {
            Future<String> first = callers.submit(() -> batcher.submit(0));
            assertThat(firstCallEntered.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> queued = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int item = i;
                queued.add(callers.submit(() -> batcher.submit(item)));
            }
            Thread.sleep(200); // let them all queue behind the first call
            releaseFirstCall.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("answer 0");
            for (int i = 0; i < queued.size(); i++) {
                assertThat(queued.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("answer " + (i + 1));
            }
            assertThat(batchSizes).containsExactly(1, 8);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aBatchNeverExceedsItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 3, 1, items -> {
            batchSizes.add(items.size());
            await(release);
            return items;
        })) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int item = i;
                answers.add(callers.submit(() -> batcher.submit(item)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<Integer> answer : answers) {
                answer.get(5, TimeUnit.SECONDS);
            }
            assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
            assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedCallFailsEveryItemOfItsBatch_andTheNextBatchStillRuns() {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 8, 1, items -> {
            if (items.contains(13)) {
                throw new IllegalStateException("unlucky");
            }
            return items;
        })) {
            assertThatThrownBy(() -> batcher.submit(13)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("unlucky");
            assertThat(batcher.submit(7)).isEqualTo(7);
        }
    }

    @Test
    void anAnswerOfTheWrongLengthFailsTheBatch() {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 8, 1, items -> List.of())) {
            assertThatThrownBy(() -> batcher.submit(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClosedBatcherRefusesItems() {
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 8, 2, items -> items);
        batcher.close();
        assertThatThrownBy(() -> batcher.submit(1)).isInstanceOf(RejectedExecutionException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
