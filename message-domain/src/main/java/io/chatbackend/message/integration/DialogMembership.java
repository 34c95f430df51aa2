package io.chatbackend.message.integration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.chatbackend.platform.web.ServiceHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller's membership of a dialog, asked of dialog-domain's public API with the caller's own token:
 * {@code GET /api/v1/dialogs/{id}} answers members only (404 for anyone else) and lists each member's
 * {@code joinedAtSeq}, which says where the caller's history starts. Only the fields read here are bound, so
 * dialog-domain may add others.
 */
@Component
public class DialogMembership {

    private final RestClient http;
    private final String base;

    DialogMembership(@Value("${chat.services.dialog-domain}") String dialogDomain) {
        this.http = ServiceHttp.client();
        this.base = dialogDomain + "/api/v1/dialogs/";
    }

    /** Where {@code caller}'s history in the dialog starts; empty if they are not a member. */
    public Optional<HistoryStart> historyStart(UUID dialogId, UUID caller, String callerToken) {
        DialogMembers dialog;
        try {
            dialog = http.get().uri(base + dialogId).headers(h -> h.setBearerAuth(callerToken)).retrieve()
                    .body(DialogMembers.class);
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
        if (dialog == null || dialog.members() == null) {
            return Optional.empty();
        }
        return dialog.members().stream()
                .filter(member -> caller.equals(member.userId()) && member.joinedAtSeq() != null)
                .findFirst()
                .map(member -> new HistoryStart(member.joinedAtSeq()));
    }

    /** The part of dialog-domain's dialog view read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DialogMembers(List<Member> members) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Member(UUID userId, Long joinedAtSeq) {
        }
    }
}
