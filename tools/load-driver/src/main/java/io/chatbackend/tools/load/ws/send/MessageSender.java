package io.chatbackend.tools.load.ws.send;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.ws.check.DeliveryChecker;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends messages as a client that retries must: one {@code clientMessageId} per message, tried again after
 * {@code 202} (pending), {@code 409} (lane busy), {@code 429}, {@code 5xx} or no answer, until a {@code 201} or two
 * minutes; every {@code 201} is filed with the {@link DeliveryChecker} (its {@code dialogSeq}, {@code messageId},
 * {@code senderId}, {@code senderSeq}), and a send given up is filed as unanswered (it may still have committed).
 * Thread-safe; nothing blocks a caller.
 */
public final class MessageSender implements AutoCloseable {

    private static final long GIVE_UP_NANOS = 120_000_000_000L;
    private static final long RETRY_MILLIS = 250;

    private final GatewayClient gateway;
    private final DeliveryChecker checker;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "send-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Map<Integer, Long> retriedStatuses = new TreeMap<>();

    public MessageSender(GatewayClient gateway, DeliveryChecker checker) {
        this.gateway = gateway;
        this.checker = checker;
    }

    /** A 201: where the message went and when the driver had the answer. */
    public record Acknowledgement(String dialogId, long dialogSeq, long answeredNanos) {
    }

    /** Sends {@code text}; completes with its 201, or null when it was refused or given up (never exceptionally). */
    public CompletableFuture<Acknowledgement> send(SendTarget target, String text) {
        sends.incrementAndGet();
        CompletableFuture<Acknowledgement> result = new CompletableFuture<>();
        attempt(target, text, UUID.randomUUID(), System.nanoTime(), result);
        return result;
    }

    private void attempt(SendTarget target, String text, UUID key, long startNanos,
                         CompletableFuture<Acknowledgement> result) {
        CompletableFuture<HttpResponse<String>> answer;
        try {
            answer = gateway.send(target, text, key);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            try {
                settle(target, text, key, startNanos, result, response, error);
            } catch (RuntimeException e) {
                System.out.println("  a send's answer could not be filed: " + e);
                result.complete(null);
            }
        });
    }

    private void settle(SendTarget target, String text, UUID key, long startNanos,
                        CompletableFuture<Acknowledgement> result, HttpResponse<String> response, Throwable error) {
        int status = error == null ? response.statusCode() : -1;
        if (status == 201) {
            result.complete(file(target, response.body()));
        } else if (status >= 400 && status < 500 && status != 409 && status != 429) {
            refused.incrementAndGet(); // refused for good: nothing was sent
            System.out.printf("  a send was refused: %d %s%n", status, response.body());
            result.complete(null);
        } else if (System.nanoTime() - startNanos > GIVE_UP_NANOS) {
            givenUp.incrementAndGet();
            checker.unanswered(target.dialogId());
            result.complete(null);
        } else {
            synchronized (retriedStatuses) {
                retriedStatuses.merge(status, 1L, Long::sum);
            }
            retries.schedule(() -> attempt(target, text, key, startNanos, result), RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private Acknowledgement file(SendTarget target, String body) {
        JsonNode answer = GatewayClient.json(body);
        long dialogSeq = answer.path("dialogSeq").asLong();
        checker.acknowledged(target.dialogId(), dialogSeq, answer.path("messageId").asString(),
                answer.path("senderId").asString(), answer.path("senderSeq").asLong());
        acknowledged.incrementAndGet();
        return new Acknowledgement(target.dialogId(), dialogSeq, System.nanoTime());
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** One line: sends, 201s, what was retried, what was given up or refused. */
    public String describe() {
        Map<Integer, Long> retried;
        synchronized (retriedStatuses) {
            retried = new TreeMap<>(retriedStatuses);
        }
        return String.format("%,d sends, %,d acknowledged (201)%s%s%s", sends.get(), acknowledged.get(),
                retried.isEmpty() ? "" : "; retried after " + retried.toString().replace("-1=", "no answer=")
                        + " (status=times)",
                givenUp.get() == 0 ? "" : String.format("; %,d given up after 120 s", givenUp.get()),
                refused.get() == 0 ? "" : String.format("; %,d refused", refused.get()));
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
