package io.chatbackend.message.integration;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.dialog.contract.LaneTryAndConfirmRequest;
import io.chatbackend.message.coordinator.ParticipantUnreachableException;
import io.chatbackend.message.coordinator.SendParticipant;
import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.platform.web.ServiceHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.util.UUID;

/**
 * dialog-domain's sender-lane TCC endpoints, called with this service's token (scope {@code tcc}). Any transport
 * failure or timeout is {@link ParticipantUnreachableException}: the outcome of that call is unknown.
 */
@Component
public class DialogLanes implements SendParticipant {

    private final RestClient http;
    private final ServiceTokens tokens;
    private final String base;

    DialogLanes(Clock clock, @Value("${chat.services.dialog-domain}") String dialogDomain,
                @Value("${chat.services.uaa}") String uaa,
                @Value("${chat.service-client.id:message-domain}") String clientId,
                @Value("${chat.service-client.secret}") String secret) {
        this.http = ServiceHttp.client();
        this.tokens = new ServiceTokens(http, uaa + "/oauth2/token", clientId, secret, "tcc", clock);
        this.base = dialogDomain + "/internal/tcc/lanes";
    }

    @Override
    public LaneConfirmResponse tryAndConfirm(String txId, UUID dialogId, UUID senderId) {
        return call(() -> http.post().uri(base + "/try-confirm").headers(h -> h.setBearerAuth(tokens.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new LaneTryAndConfirmRequest(txId, dialogId, senderId))
                .retrieve().body(LaneConfirmResponse.class));
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
