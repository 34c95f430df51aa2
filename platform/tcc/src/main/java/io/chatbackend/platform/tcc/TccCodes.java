package io.chatbackend.platform.tcc;

/** The protocol's own refusal codes (participants add business ones, such as a busy resource). */
public final class TccCodes {

    /** A Cancel for this transaction came first (anti-suspension) or it was cancelled/expired. */
    public static final String ALREADY_CANCELLED = "ALREADY_CANCELLED";
    /** Confirm after the reservation expired; the participant cancelled it itself. */
    public static final String TOO_LATE = "TOO_LATE";
    /** Confirm for a transaction the participant never saw a Try of. */
    public static final String UNKNOWN = "UNKNOWN";
    /** Cancel after Confirm: refused, reported, never applied. */
    public static final String ALREADY_CONFIRMED = "ALREADY_CONFIRMED";

    private TccCodes() {
    }
}
