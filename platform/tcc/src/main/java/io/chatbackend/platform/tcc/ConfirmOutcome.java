package io.chatbackend.platform.tcc;

/** The answer to Confirm: the business result (the same on every repetition), or refused. */
public sealed interface ConfirmOutcome<R> {

    record Confirmed<R>(R result) implements ConfirmOutcome<R> {
    }

    record Refused<R>(String code) implements ConfirmOutcome<R> {
    }
}
