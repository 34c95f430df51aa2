package io.chatbackend.message.integration;

/**
 * Where a member's history in a dialog starts, as dialog-domain reports it: a member added to a group later sees
 * the messages from their {@code joinedAtSeq} on and nothing earlier (dialog-domain's history, digest and inbox
 * follow the same rule), so reading an earlier message by its id must fail just as it does for a stranger.
 */
public record HistoryStart(long joinedAtSeq) {

    /** Whether the member may read the message with this dialogSeq. */
    public boolean covers(long dialogSeq) {
        return dialogSeq >= joinedAtSeq;
    }
}
