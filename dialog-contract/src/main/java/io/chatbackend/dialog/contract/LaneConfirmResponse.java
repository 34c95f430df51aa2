package io.chatbackend.dialog.contract;

/**
 * The answer to {@code POST /internal/tcc/lanes/{txId}/confirm}: {@code CONFIRMED} with both sequence numbers (the
 * same on every repetition) or {@code REFUSED} with {@code TOO_LATE}, {@code ALREADY_CANCELLED} or {@code UNKNOWN}.
 */
public record LaneConfirmResponse(String outcome, Long senderSeq, Long dialogSeq, String code) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String REFUSED = "REFUSED";
}
