package io.chatbackend.tools.load.ws.check;

/** One thing wrong with what a client received, in words a reader can act on. */
public record Finding(Kind kind, String description) {

    public enum Kind {
        /** An acknowledged message of one of the client's dialogs never reached it. */
        MISSING("missing"),
        /** A message frame the same connection had already delivered, or one the client said it had. */
        DUPLICATE("duplicate"),
        /** A message frame with a lower dialogSeq than one the same connection delivered before it. */
        OUT_OF_ORDER("out of order"),
        /** A frame whose messageId, sender or senderSeq differs from its 201 (or from another client's frame). */
        MISMATCH("differs from its 201"),
        /** A message frame at a dialogSeq no 201 named, in a dialog whose sends were all answered. */
        NOT_ACKNOWLEDGED("never acknowledged"),
        /** A message frame of a dialog the client's user is not a member of. */
        FOREIGN_DIALOG("of another dialog"),
        /** Two 201s naming the same dialogSeq of one dialog. */
        ACKNOWLEDGED_TWICE("dialogSeq acknowledged twice");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
