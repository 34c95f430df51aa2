package io.chatbackend.notification.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receipt watermarks one session has shown its client, per dialog, user, kind (and device): a receipt goes out
 * only if it moves its watermark forward, so what a client sees never moves back. Thread-safe.
 */
final class ReceiptMarks {

    private final Map<String, Long> sent = new ConcurrentHashMap<>();

    /** Whether the receipt moves its watermark forward (it is recorded as sent if so). */
    boolean advance(FrameBody.Receipt receipt) {
        String key = receipt.kind() + '/' + receipt.dialogId() + '/' + receipt.userId() + '/'
                + (receipt.deviceId() == null ? "" : receipt.deviceId());
        boolean[] higher = {false};
        sent.compute(key, (k, mark) -> {
            if (mark != null && mark >= receipt.upToSeq()) {
                return mark;
            }
            higher[0] = true;
            return receipt.upToSeq();
        });
        return higher[0];
    }
}
