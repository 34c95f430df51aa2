package io.chatbackend.message.integration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.UUID;

/** Whether the caller is a member of a dialog, asked of dialog-domain with the caller's own token. */
@Component
public class DialogMembership {

    private final RestClient http;
    private final String base;

    DialogMembership(@Value("${chat.services.dialog-domain}") String dialogDomain) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(timeouts).build();
        this.base = dialogDomain + "/api/v1/dialogs/";
    }

    public boolean isMember(UUID dialogId, String callerToken) {
        try {
            http.get().uri(base + dialogId).headers(h -> h.setBearerAuth(callerToken)).retrieve().toBodilessEntity();
            return true;
        } catch (HttpClientErrorException.NotFound e) {
            return false;
        }
    }
}
