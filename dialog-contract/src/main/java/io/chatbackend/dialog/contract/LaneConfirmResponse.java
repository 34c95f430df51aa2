package io.chatbackend.dialog.contract;

/**
 * The answer to Confirm ({@code POST /internal/tcc/lanes/{txId}/confirm}) and to Try-and-Confirm: {@code CONFIRMED}
 * with both sequence numbers (the same on every repetition) or {@code REFUSED} with a {@link LaneRefusal} code.
 */
public record LaneConfirmResponse(String outcome, Long senderSeq, Long dialogSeq, String code) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String REFUSED = "REFUSED";

    public static LaneConfirmResponse confirmed(long senderSeq, long dialogSeq) {
        return new LaneConfirmResponse(CONFIRMED, senderSeq, dialogSeq, null);
    }

    public static LaneConfirmResponse refused(LaneRefusal refusal) {
        return new LaneConfirmResponse(REFUSED, null, null, refusal.name());
    }

    /** True only for a well-formed confirmation (both sequences present). Not named as a getter: not a JSON field. */
    public boolean confirmedWithSequences() {
        return CONFIRMED.equals(outcome) && senderSeq != null && dialogSeq != null;
    }

    /** Why it was refused; {@link LaneRefusal#OTHER} for an unknown code or a malformed answer. */
    public LaneRefusal refusal() {
        return LaneRefusal.of(code);
    }
}
