package io.chatbackend.message.integration;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.dialog.contract.LaneTryAndConfirmBatchRequest;
import io.chatbackend.dialog.contract.LaneTryAndConfirmBatchResponse;
import io.chatbackend.dialog.contract.LaneTryAndConfirmRequest;
import io.chatbackend.message.coordinator.ParticipantUnreachableException;
import io.chatbackend.message.coordinator.SendParticipant;
import io.chatbackend.platform.axon.ActingPrincipal;
import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.axon.AuditStamp;
import io.chatbackend.platform.service.batching.MicroBatcher;
import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.platform.web.ServiceHttp;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * dialog-domain's sender-lane TCC endpoints, called with this service's token (scope {@code tcc}). Any transport
 * failure or timeout is {@link ParticipantUnreachableException}: the outcome of that call is unknown.
 *
 * <p>Concurrent Try-and-Confirms share one call to the batch endpoint (and so one commit there): whatever queued
 * while the previous calls were in flight goes in the next one (ADR 0020). A lone send goes at once.
 */
@Component
public class DialogLanes implements SendParticipant, AutoCloseable {

    private final RestClient http;
    private final ServiceTokens tokens;
    private final String base;
    private static final Logger log = LoggerFactory.getLogger(DialogLanes.class);

    private final DistributionSummary batchSizes;
    private final ActingPrincipal actor;
    private final MicroBatcher<LaneTryAndConfirmRequest, LaneConfirmResponse> batches;

    DialogLanes(Clock clock, @Value("${chat.services.dialog-domain}") String dialogDomain,
                @Value("${chat.services.uaa}") String uaa,
                @Value("${chat.service-client.id:message-domain}") String clientId,
                @Value("${chat.service-client.secret}") String secret,
                @Value("${chat.message.lane-batch.max-size:64}") int maxBatch,
                @Value("${chat.message.lane-batch.in-flight:1}") int inFlight, MeterRegistry metrics,
                ActingPrincipal actor) {
        this.actor = actor;
        this.http = ServiceHttp.client();
        this.tokens = new ServiceTokens(http, uaa + "/oauth2/token", clientId, secret, "tcc", clock);
        this.base = dialogDomain + "/internal/tcc/lanes";
        this.batchSizes = DistributionSummary.builder("chat.tcc.batch.attempts")
                .description("Try-and-Confirm attempts per call to the lane participant").register(metrics);
        this.batches = new MicroBatcher<>("lane-batch", Math.min(maxBatch, LaneTryAndConfirmBatchRequest.MAX_ATTEMPTS),
                inFlight, this::tryAndConfirmAll);
    }

    @Override
    public LaneConfirmResponse tryAndConfirm(String txId, UUID dialogId, UUID senderId) {
        try {
            // who asked and which request, captured on the request's thread: the batch goes from another one
            Map<String, Object> stamp = AuditStamp.capture(actor);
            return batches.submit(new LaneTryAndConfirmRequest(txId, dialogId, senderId,
                    text(stamp.get(AuditMetadata.DEVICE_ID)), text(stamp.get(AuditMetadata.CORRELATION_ID))));
        } catch (RejectedExecutionException e) {
            throw new ParticipantUnreachableException("shutting down");
        }
    }

    private List<LaneConfirmResponse> tryAndConfirmAll(List<LaneTryAndConfirmRequest> attempts) {
        batchSizes.record(attempts.size());
        log.debug("Try-and-Confirm batch of {}", attempts.size());
        LaneTryAndConfirmBatchResponse answer = call(() -> http.post().uri(base + "/try-confirm-batch")
                .headers(h -> h.setBearerAuth(tokens.token())).contentType(MediaType.APPLICATION_JSON)
                .body(new LaneTryAndConfirmBatchRequest(attempts))
                .retrieve().body(LaneTryAndConfirmBatchResponse.class));
        if (answer.answers() == null || answer.answers().size() != attempts.size()
                || answer.answers().contains(null)) {
            throw new ParticipantUnreachableException("a malformed batch answer");
        }
        return answer.answers();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Stops batching on shutdown: sends still waiting are answered as unreachable and settled by recovery. */
    @Override
    public void close() {
        batches.close();
    }

    @Override
    public LaneConfirmResponse confirm(String txId) {
        return call(() -> http.post().uri(base + "/{txId}/confirm", txId).headers(h -> h.setBearerAuth(tokens.token()))
                .retrieve().body(LaneConfirmResponse.class));
    }

    @Override
    public LaneCancelResponse cancel(String txId) {
        return call(() -> http.post().uri(base + "/{txId}/cancel", txId).headers(h -> h.setBearerAuth(tokens.token()))
                .retrieve().body(LaneCancelResponse.class));
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            T answer = request.get();
            if (answer == null) {
                throw new ParticipantUnreachableException("empty answer");
            }
            return answer;
        } catch (RestClientException | IllegalStateException e) {
            tokens.invalidate();
            throw new ParticipantUnreachableException(e.getMessage());
        }
    }
}
