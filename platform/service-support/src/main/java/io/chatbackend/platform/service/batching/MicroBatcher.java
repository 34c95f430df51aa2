package io.chatbackend.platform.service.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Shares one costly call among concurrent callers: each caller submits one item and waits for its own answer, and
 * a few worker threads hand whatever has queued meanwhile (up to {@code maxBatch} items) to the handler in one
 * call. Nothing waits for a batch to fill: an idle batcher passes a lone item on at once, and under load the
 * batches grow by themselves while the previous ones are in flight (group commit without a timer).
 *
 * <p>The handler answers the items of a batch in their order, one answer each; if it throws, every caller of that
 * batch gets the exception.
 *
 * @param <I> an item
 * @param <O> its answer
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Function<List<I>, List<O>> handler;
    private final int maxBatch;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param name        the worker threads' name prefix
     * @param maxBatch    items per call at most
     * @param maxInFlight calls in flight at once (worker threads)
     * @param handler     answers a batch, in order
     */
    public MicroBatcher(String name, int maxBatch, int maxInFlight, Function<List<I>, List<O>> handler) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
        }
        this.handler = handler;
        this.maxBatch = maxBatch;
        for (int i = 0; i < maxInFlight; i++) {
            Thread worker = new Thread(this::work, name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Waits for the item's answer.
     *
     * @throws RuntimeException           what the handler threw for the item's batch
     * @throws RejectedExecutionException once the batcher is closed
     */
    public O submit(I item) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            throw new RejectedExecutionException("closed");
        }
        try {
            return pending.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Stops the workers after their current batch; items still queued are refused. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(new RejectedExecutionException("closed"));
        }
    }

    private void work() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            answer(batch);
            batch.clear();
        }
    }

    private void answer(List<Pending<I, O>> batch) {
        try {
            List<O> answers = handler.apply(batch.stream().map(Pending::item).toList());
            if (answers == null || answers.size() != batch.size()) {
                throw new IllegalStateException("the handler answered " + (answers == null ? "nothing" :
                        answers.size() + " items") + " for a batch of " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (Throwable e) {
            batch.forEach(pending -> pending.answer().completeExceptionally(e));
        }
    }

    private record Pending<I, O>(I item, CompletableFuture<O> answer) {
    }
}
