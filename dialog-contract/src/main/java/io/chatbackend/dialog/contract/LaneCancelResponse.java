package io.chatbackend.dialog.contract;

/**
 * The answer to {@code POST /internal/tcc/lanes/{txId}/cancel}: {@code CANCELLED} (also for a transaction never
 * tried: the empty rollback leaves a marker that refuses a late Try) or {@code ALREADY_CONFIRMED}.
 */
public record LaneCancelResponse(String outcome) {

    public static final String CANCELLED = "CANCELLED";
    public static final String ALREADY_CONFIRMED = "ALREADY_CONFIRMED";

    public boolean foundConfirmed() {
        return ALREADY_CONFIRMED.equals(outcome);
    }
}
