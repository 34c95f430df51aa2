package io.chatbackend.notification.push;

import io.chatbackend.notification.delivery.MessageDelivery;
import io.chatbackend.platform.web.outbound.OutboundUrlPolicy;
import io.chatbackend.platform.web.outbound.RefusedUrlException;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Offline push (docs/architecture.md §4): a message for a user with no live session on the node that owns the user's
 * partition (so none anywhere) is POSTed to each of the user's push endpoints (user-client, cached briefly) as
 * {@code {"type":"message", dialogId, messageId, senderId, dialogSeq, sentAt}} (no text), signed with the
 * endpoint's secret: {@code X-Chat-Timestamp: <epoch seconds>} and
 * {@code X-Chat-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. A non-2xx answer or an
 * error is retried {@code push-attempts} times in all with exponential back-off from {@code push-backoff}.
 * Everything is asynchronous (JDK HttpClient, one scheduler thread for back-offs) and bounded by
 * {@code push-max-in-flight}: beyond it a push is dropped and counted failed, so pushes never hold up delivery.
 *
 * <p>Server-side request forgery: user-client accepted the URL only if its host resolved to public addresses, but
 * DNS can change since (rebinding), so every attempt checks again ({@link OutboundUrlPolicy}: https, public addresses
 * only) right before the call, off the caller's thread since it may wait for DNS. A refused endpoint is not called,
 * counted failed and logged at warn (device and reason, never the secret); a host that does not resolve is retried
 * like an error. The JDK client then resolves the host itself rather than connecting to the checked address: its
 * lookup right after the check is answered from the JVM's address cache (30 s), and above all the call is https with
 * the host name verified against the server's certificate, which an internal service cannot present for the
 * attacker's host. Redirects are never followed. {@code chat.notification.push-allow-private-networks=true} (local
 * run, tests with receivers on 127.0.0.1) switches the address check and the https rule off.
 */
public final class OfflinePush {

    private static final Logger log = LoggerFactory.getLogger(OfflinePush.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ENDPOINTS_TTL = Duration.ofSeconds(15);
    private static final Duration UNAVAILABLE_TTL = Duration.ofSeconds(5);
    private static final int MAX_LOOKUPS_IN_FLIGHT = 32;
    private static final long MAX_CACHED_USERS = 200_000;
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    /** @param attempts tries per endpoint (at least 1) @param backoff wait before the second, doubling after */
    public record Settings(int attempts, Duration backoff, int maxInFlight, Duration maxAge) {
    }

    /** Where a user's push endpoints come from (user-client's internal API). */
    @FunctionalInterface
    public interface EndpointSource {
        Mono<List<PushEndpoint>> pushEndpoints(UUID userId);
    }

    private final EndpointSource userClient;
    private final OutboundUrlPolicy targets;
    private final Settings settings;
    private final Counter sent;
    private final Counter failed;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Runs attempts (DNS check, signing, the async send's start) and back-offs; two threads, as a lookup may wait. */
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "offline-push");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore inFlight;
    private final PushEndpointDirectory endpoints;
    /** Unavailable look-ups are logged once per {@link #WARN_INTERVAL} with a count, not once per push. */
    private final java.util.concurrent.atomic.AtomicLong nextWarnAt =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private final java.util.concurrent.atomic.AtomicLong unavailableSinceWarn =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param targets the URL check made before every attempt (private networks allowed only in local runs and tests)
     */
    public OfflinePush(EndpointSource userClient, OutboundUrlPolicy targets, Settings settings, Counter sent,
                       Counter failed, Clock clock) {
        this.userClient = userClient;
        this.targets = targets;
        this.settings = settings;
        this.sent = sent;
        this.failed = failed;
        this.clock = clock;
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.endpoints = new PushEndpointDirectory(userClient, ENDPOINTS_TTL, UNAVAILABLE_TTL, MAX_LOOKUPS_IN_FLIGHT,
                MAX_CACHED_USERS);
    }

    /** Pushes a delivery to its recipient's devices, unless it is the recipient's own message or too old. */
    public void push(MessageDelivery delivery) {
        if (delivery.recipientId().equals(delivery.senderId())) {
            return; // never the sender's own message to the sender
        }
        if (delivery.sentAt() != null
                && delivery.sentAt().isBefore(clock.instant().minus(settings.maxAge()))) {
            return; // a backlog replayed after a restart is no news any more
        }
        endpointsOf(delivery.recipientId(), list -> {
            if (list.isEmpty()) {
                return;
            }
            String body = body(delivery);
            for (PushEndpoint endpoint : list) {
                if (!inFlight.tryAcquire()) {
                    failed.increment();
                    log.warn("Push to {} dropped: {} pushes in flight", endpoint.deviceId(), settings.maxInFlight());
                    continue;
                }
                try {
                    timer.execute(() -> attempt(endpoint, body, 1));
                } catch (RejectedExecutionException e) {
                    finish(false); // closed: the node is stopping
                }
            }
        });
    }

    public void close() {
        timer.shutdownNow();
    }

    private void attempt(PushEndpoint endpoint, String body, int attempt) {
        try {
            targets.check(endpoint.url());
        } catch (RefusedUrlException e) {
            if (e.reason() == RefusedUrlException.Reason.UNRESOLVED && attempt < settings.attempts()) {
                retry(endpoint, body, attempt); // DNS may answer on the next try
                return;
            }
            log.warn("Push to device {} refused: {}", endpoint.deviceId(), e.getMessage());
            finish(false);
            return;
        }
        HttpRequest request;
        try {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request = HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-Chat-Timestamp", timestamp)
                    .header("X-Chat-Signature", "sha256=" + sign(endpoint.secret(), timestamp + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (RuntimeException e) {
            log.warn("Push endpoint of device {} unusable: {}", endpoint.deviceId(), e.toString());
            finish(false);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (ok) {
                finish(true);
            } else if (attempt >= settings.attempts()) {
                log.warn("Push to device {} failed after {} attempts: {}", endpoint.deviceId(), attempt,
                        error != null ? error.toString() : "status " + response.statusCode());
                finish(false);
            } else {
                retry(endpoint, body, attempt);
            }
        });
    }

    private void retry(PushEndpoint endpoint, String body, int attempt) {
        long wait = settings.backoff().toMillis() << (attempt - 1);
        timer.schedule(() -> attempt(endpoint, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
    }

    private void finish(boolean ok) {
        inFlight.release();
        (ok ? sent : failed).increment();
    }

    private void endpointsOf(UUID user, java.util.function.Consumer<List<PushEndpoint>> then) {
        endpoints.endpointsOf(user).thenAccept(lookup -> {
            if (lookup.ok()) {
                then.accept(lookup.endpoints());
                return;
            }
            failed.increment();
            long unavailable = unavailableSinceWarn.incrementAndGet();
            long now = System.nanoTime();
            long due = nextWarnAt.get();
            if (now - due >= 0 && nextWarnAt.compareAndSet(due, now + WARN_INTERVAL.toNanos())) {
                unavailableSinceWarn.addAndGet(-unavailable);
                log.warn("Push endpoints unavailable for {} push(es) in the last {} s (e.g. user {}: {})", unavailable,
                        WARN_INTERVAL.toSeconds(), user, lookup.problem());
            }
        });
    }

    private String body(MessageDelivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message");
        body.put("dialogId", delivery.dialogId().toString());
        body.put("messageId", delivery.messageId());
        body.put("senderId", delivery.senderId().toString());
        body.put("dialogSeq", delivery.dialogSeq());
        body.put("sentAt", delivery.sentAt() == null ? null : delivery.sentAt().toString());
        return json.writeValueAsString(body);
    }

    /** Hex HMAC-SHA256 of {@code data} with {@code secret} (UTF-8). */
    public static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
