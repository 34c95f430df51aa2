package io.chatbackend.dialog.tcc;

/** What a send's Confirm assigns: the sender's and the dialog's sequence numbers. */
public record LaneConfirmation(long senderSeq, long dialogSeq) {

    String encode() {
        return senderSeq + ":" + dialogSeq;
    }

    static LaneConfirmation decode(String value) {
        int colon = value.indexOf(':');
        return new LaneConfirmation(Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
    }
}
