package io.chatbackend.tools.load.ws.check;

/**
 * What one client holds of one dialog over all its connections, and where the current connection's stream of that
 * dialog stands. Within a connection message frames must come in strictly increasing {@code dialogSeq}, above what
 * the client said it had when it resumed ({@link #floor}); over all connections the client must end up holding every
 * acknowledged message. Guarded by its {@link ClientLedger}.
 */
final class DialogTrack {

    final SeqRanges received = new SeqRanges();
    /** What the client's resume of the current connection said it had (0: nothing). */
    long floor;
    /** The highest dialogSeq of the current connection so far (starts at {@link #floor}). */
    long last;

    /** Everything held without a hole: what a resume carries. */
    long held() {
        return received.contiguousAfter(0);
    }

    /** A new connection resumes from what is held without a hole. */
    long startConnection() {
        floor = held();
        last = floor;
        return floor;
    }
}
