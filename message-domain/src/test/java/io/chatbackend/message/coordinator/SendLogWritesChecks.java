package io.chatbackend.message.coordinator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendLogWrites} on the real database, run by the service's integration test (which owns the schema): a
 * batch's statements answer every step as the steps would be answered one after another in one transaction.
 */
public final class SendLogWritesChecks {

    private SendLogWritesChecks() {
    }

    public static void aBatchAnswersEachStepAsOneByOne(JdbcTemplate jdbc) {
        SendLogWrites writes = new SendLogWrites(jdbc);
        UUID sender = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        long base = System.nanoTime();
        SendRecords.Start fresh = start(base + 1, sender, dialog, UUID.randomUUID(), "a");
        SendRecords.Start cancelledBefore = start(base + 2, sender, dialog, UUID.randomUUID(), "b");
        SendRecords.Start pendingBefore = start(base + 3, sender, dialog, UUID.randomUUID(), "c");
        SendRecords.Start otherBody = start(base + 4, sender, dialog, UUID.randomUUID(), "d");
        UUID twice = UUID.randomUUID();
        SendRecords.Start firstOfTwo = start(base + 5, sender, dialog, twice, "e");
        SendRecords.Start secondOfTwo = start(base + 6, sender, dialog, twice, "e");
        assertThat(writes.claim(List.of(cancelledBefore, pendingBefore, otherBody))).containsExactly(true, true, true);
        writes.keyCancelled(base + 2);
        writes.keyCancelled(base + 4);

        SendRecords.Start retryOfCancelled = start(base + 7, sender, dialog, cancelledBefore.clientMessageId(), "b");
        SendRecords.Start retryOfPending = start(base + 8, sender, dialog, pendingBefore.clientMessageId(), "c");
        SendRecords.Start changedBody = start(base + 9, sender, dialog, otherBody.clientMessageId(), "changed");
        assertThat(writes.claim(List.of(fresh, retryOfCancelled, retryOfPending, changedBody, firstOfTwo,
                secondOfTwo))).containsExactly(true, true, false, false, true, false);

        writes.recordAttempts(List.of(fresh, retryOfCancelled, firstOfTwo));
        assertThat(attempts(jdbc, base)).isEqualTo(3);

        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<SendLog.SendKey> keys = writes.sent(List.of(sent(base + 1, 1, sentAt), sent(base + 7, 2, sentAt),
                sent(base + 1, 1, sentAt), sent(base + 8, 3, sentAt)));
        assertThat(keys.get(0)).isEqualTo(new SendLog.SendKey(base + 1, dialog, fresh.bodyHash(), "SENT", 1, 11,
                sentAt));
        assertThat(keys.get(1).messageId()).isEqualTo(base + 7);
        assertThat(keys.get(1).isSent()).isTrue();
        assertThat(keys.get(2)).as("a repeated completion changes nothing").isNull();
        assertThat(keys.get(3)).as("the key now belongs to another attempt").isNull();
        assertThat(writes.sent(List.of(sent(base + 1, 1, sentAt)))).containsExactly((SendLog.SendKey) null);

        writes.attemptsDone(List.of(base + 1, base + 7, base + 5));
        assertThat(attempts(jdbc, base)).isZero();
    }

    private static SendRecords.Start start(long messageId, UUID sender, UUID dialog, UUID clientMessageId,
                                           String text) {
        return new SendRecords.Start(Long.toString(messageId), dialog, sender, clientMessageId, text,
                String.valueOf(text.charAt(0)).repeat(64));
    }

    private static SendRecords.Sent sent(long messageId, long senderSeq, Instant sentAt) {
        return new SendRecords.Sent(Long.toString(messageId), senderSeq, senderSeq + 10, sentAt);
    }

    private static int attempts(JdbcTemplate jdbc, long base) {
        return jdbc.queryForObject("SELECT count(*) FROM send_attempt WHERE message_id BETWEEN ? AND ?",
                Integer.class, base, base + 10);
    }
}
