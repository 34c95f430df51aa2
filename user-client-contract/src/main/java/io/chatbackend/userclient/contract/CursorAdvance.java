package io.chatbackend.userclient.contract;

/**
 * Body of {@code PUT /internal/cursors/{userId}/{deviceId}/{dialogId}}: the device acknowledged delivery of the
 * dialog up to {@code upToSeq}. Cursors only move forward: a lower value changes nothing. The answer is the cursor
 * after the call, in the same form.
 *
 * @param upToSeq the highest {@code dialogSeq} delivered to the device (0 or more)
 */
public record CursorAdvance(Long upToSeq) {
}
