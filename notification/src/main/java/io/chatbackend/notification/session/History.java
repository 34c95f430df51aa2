package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.dialogs.HistoryPage;
import io.chatbackend.notification.dialogs.UserDialog;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** What a session catches up from: the user's dialogs and their history (dialog-domain's, in production). */
public interface History {

    /** Every dialog the user belongs to, with the dialogSeq they see it from and its last dialogSeq. */
    Mono<List<UserDialog>> dialogsOf(UUID userId);

    /** History after {@code afterSeq} as {@code viewer} sees it; a page with {@code member=false} if they may not. */
    Mono<HistoryPage> page(UUID dialogId, UUID viewer, long afterSeq, int limit);

    static History of(DialogDirectory directory) {
        return new History() {
            @Override
            public Mono<List<UserDialog>> dialogsOf(UUID userId) {
                return directory.dialogsOf(userId);
            }

            @Override
            public Mono<HistoryPage> page(UUID dialogId, UUID viewer, long afterSeq, int limit) {
                return directory.history(dialogId, viewer, afterSeq, limit);
            }
        };
    }
}
