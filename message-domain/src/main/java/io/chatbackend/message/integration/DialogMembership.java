package io.chatbackend.message.integration;

import io.chatbackend.platform.web.ServiceHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.util.UUID;

/** Whether the caller is a member of a dialog, asked of dialog-domain with the caller's own token. */
@Component
public class DialogMembership {

    private final RestClient http;
    private final String base;

    DialogMembership(@Value("${chat.services.dialog-domain}") String dialogDomain) {
        this.http = ServiceHttp.client();
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
