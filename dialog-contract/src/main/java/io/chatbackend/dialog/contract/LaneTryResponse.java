package io.chatbackend.dialog.contract;

import java.time.Instant;

/**
 * The answer to a Try: {@code outcome} is {@code RESERVED} (with {@code expiresAt}) or {@code REFUSED} with a
 * {@code code}: {@code LANE_BUSY}, {@code NOT_A_MEMBER}, or {@code ALREADY_CANCELLED} (a Cancel came first).
 */
public record LaneTryResponse(String outcome, Instant expiresAt, String code) {

    public static final String RESERVED = "RESERVED";
    public static final String REFUSED = "REFUSED";
}
