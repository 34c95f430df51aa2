package io.chatbackend.dialog.web;

import java.util.UUID;

import io.chatbackend.dialog.query.DialogQueries;
import io.chatbackend.dialog.query.UserNameQueries;
import io.chatbackend.dialog.readmodel.DialogReadQueries;
import io.chatbackend.dialog.readmodel.HistoryPage;
import io.chatbackend.dialog.readmodel.InboxPage;
import io.chatbackend.dialog.readmodel.RangeDigest;
import io.chatbackend.dialog.readmodel.SeqRange;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.dialog.DialogProblem;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of dialogs: inbox, history pages and range digests, from the Cassandra read models. Who may read
 * (and from which dialogSeq on) is checked against the write side's member table, so a member is never refused
 * because a read model lags, and a removed member is refused at once.
 */
@RestController
@RequestMapping("/api/v1/dialogs")
class DialogReadController {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int DEFAULT_INBOX_PAGE = 20;
    static final int MAX_INBOX_PAGE = 100;

    private final DialogQueries members;
    private final DialogReadQueries reads;
    private final UserNameQueries names;

    DialogReadController(DialogQueries members, DialogReadQueries reads, UserNameQueries names) {
        this.members = members;
        this.reads = reads;
        this.names = names;
    }

    @GetMapping
    InboxPage inbox(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
                    @AuthenticationPrincipal Jwt jwt) {
        int size = limit == null ? DEFAULT_INBOX_PAGE : limit;
        if (size < 1 || size > MAX_INBOX_PAGE) {
            throw invalid("'limit' must be between 1 and " + MAX_INBOX_PAGE + ".");
        }
        try {
            InboxPage page = reads.inbox(Caller.of(jwt).userId(), cursor, size);
            return page.named(names.namesOf(page.senders()));
        } catch (IllegalArgumentException e) {
            throw invalid("'cursor' is not a cursor from a previous page.");
        }
    }

    @GetMapping("/{dialogId}/messages")
    HistoryPage history(@PathVariable String dialogId, @RequestParam(required = false) Long beforeSeq,
                        @RequestParam(required = false) Long afterSeq, @RequestParam(required = false) Integer limit,
                        @AuthenticationPrincipal Jwt jwt) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw invalid("'limit' must be between 1 and " + MAX_PAGE + ".");
        }
        if ((beforeSeq != null && beforeSeq < 1) || (afterSeq != null && afterSeq < 0)) {
            throw invalid("'beforeSeq' must be at least 1 and 'afterSeq' at least 0.");
        }
        if (beforeSeq != null && afterSeq != null && afterSeq >= beforeSeq) {
            throw invalid("'afterSeq' must be below 'beforeSeq'.");
        }
        UUID id = dialogId(dialogId);
        HistoryPage page = reads.history(id, joinedAtSeq(id, jwt), beforeSeq, afterSeq, size);
        return page.named(names.namesOf(page.senders()));
    }

    /**
     * The digest of {@code [fromSeq, toSeq]} as the caller may read it: {@code fromSeq} defaults to (and is raised
     * to) their {@code joinedAtSeq}; {@code toSeq} defaults to the latest projected message and is lowered to the
     * dialog's last confirmed dialogSeq (nothing exists beyond it), so {@code toSeq=9223372036854775807} digests
     * the dialog's real history instead of walking buckets that cannot hold a message. The answer names the range
     * it covers (empty when {@code toSeq < fromSeq}); beyond {@value DialogReadQueries#MAX_DIGEST_RANGE} dialogSeqs
     * after clamping, 400.
     */
    @GetMapping("/{dialogId}/digest")
    RangeDigest digest(@PathVariable String dialogId, @RequestParam(required = false) Long fromSeq,
                       @RequestParam(required = false) Long toSeq, @AuthenticationPrincipal Jwt jwt) {
        if ((fromSeq != null && fromSeq < 1) || (toSeq != null && toSeq < 0)) {
            throw invalid("'fromSeq' must be at least 1 and 'toSeq' at least 0.");
        }
        if (fromSeq != null && toSeq != null && toSeq < fromSeq) {
            throw invalid("'toSeq' must not be below 'fromSeq'.");
        }
        UUID id = dialogId(dialogId);
        long joinedAtSeq = joinedAtSeq(id, jwt);
        SeqRange range = toSeq == null
                ? SeqRange.within(fromSeq == null ? 1 : fromSeq, Long.MAX_VALUE, joinedAtSeq, reads.lastDialogSeq(id))
                : SeqRange.within(fromSeq == null ? 1 : fromSeq, toSeq, joinedAtSeq, members.lastDialogSeq(id));
        if (range.size() > DialogReadQueries.MAX_DIGEST_RANGE) {
            throw invalid("A digest covers at most " + DialogReadQueries.MAX_DIGEST_RANGE
                    + " messages; split the range.");
        }
        return reads.digest(id, range);
    }

    private long joinedAtSeq(UUID dialogId, Jwt jwt) {
        return members.joinedAtSeq(dialogId, Caller.of(jwt).userId()).orElseThrow(DialogReadController::notFound);
    }

    private static UUID dialogId(String dialogId) {
        try {
            return UUID.fromString(dialogId);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(DialogProblem.DIALOG_NOT_FOUND, "No such dialog.");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonProblem.VALIDATION_FAILED, detail);
    }
}
