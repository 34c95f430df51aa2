package io.chatbackend.dialog.command;

/** What a lane command did. {@code senderSeq} is set when a Confirm assigned one. */
public record LaneOutcome(Kind kind, long senderSeq) {

    public enum Kind { RESERVED, BUSY, CONFIRMED, TOO_LATE, NOT_HELD, RELEASED }

    static LaneOutcome of(Kind kind) {
        return new LaneOutcome(kind, 0);
    }
}
