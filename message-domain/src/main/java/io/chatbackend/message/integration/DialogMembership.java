package io.chatbackend.message.integration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatbackend.platform.web.ServiceHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.time.Duration;
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

    /** How long a member seen once is believed without asking again (a removal meanwhile is still refused later). */
    static final Duration MEMBER_TTL = Duration.ofMinutes(5);

    private final RestClient http;
    private final String base;
    private final Cache<String, Boolean> members = Caffeine.newBuilder().expireAfterWrite(MEMBER_TTL)
            .maximumSize(200_000).build();

    DialogMembership(@Value("${chat.services.dialog-domain}") String dialogDomain) {
        this.http = ServiceHttp.client();
        this.base = dialogDomain + "/api/v1/dialogs/";
    }

    /**
     * Whether {@code caller} may send to the dialog as far as dialog-domain can say before a send begins, so that a
     * send to a dialog the caller is not in is refused without leaving any trace (no idempotency key, no event).
     * Only a definite "not a member" says no: a member seen lately is believed for {@link #MEMBER_TTL} (the send
     * path pays this call once per member, not per send), and when dialog-domain cannot answer the send protocol
     * decides as before (its participant refuses non-members too, and a removal within the TTL is refused there).
     */
    public boolean mayBeMember(UUID dialogId, UUID caller, String callerToken) {
        String key = dialogId + ":" + caller;
        if (members.getIfPresent(key) != null) {
            return true;
        }
        boolean member;
        try {
            member = historyStart(dialogId, caller, callerToken).isPresent();
        } catch (RuntimeException unavailable) {
            return true;
        }
        if (member) {
            members.put(key, Boolean.TRUE);
        }
        return member;
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
