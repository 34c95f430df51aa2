package io.chatbackend.tools.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline check of an export (docs/audit-export.md) on lines chained here; that it agrees with the services'
 * own hashes is shown on a real export in the system tests ({@code AuditThroughGatewayIT}).
 */
class AuditFileCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUntouchedExportHolds_aChangedEventAMissingOneAndAChangedRecordAreNamed() throws IOException {
        List<String> lines = new ArrayList<>();
        String previous = AuditFileCheck.GENESIS;
        for (int sequence = 0; sequence < 3; sequence++) {
            ObjectNode event = event("m-1", sequence, "{\"text\":\"hello " + sequence + "\"}");
            event.put("chainHash", AuditFileCheck.eventHash(previous, event));
            previous = event.get("chainHash").asString();
            lines.add(event.toString());
        }
        ObjectNode first = record(1, AuditFileCheck.GENESIS);
        ObjectNode second = record(2, first.get("hash").asString());
        lines.add(first.toString());
        lines.add(second.toString());
        assertThat(check(lines).findings()).isEmpty();
        assertThat(check(lines).streams()).isEqualTo(2);

        List<String> changed = new ArrayList<>(lines);
        changed.set(1, changed.get(1).replace(b64("{\"text\":\"hello 1\"}"), b64("{\"text\":\"forged!\"}")));
        assertThat(check(changed).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.stream()).isEqualTo("m-1");
            assertThat(finding.sequence()).isEqualTo(1);
        });

        List<String> missing = new ArrayList<>(lines);
        missing.remove(1);
        assertThat(check(missing).findings()).extracting(AuditFileCheck.Finding::reason)
                .containsExactly("events 1 to 1 are missing");

        List<String> record = new ArrayList<>(lines);
        record.set(3, record.get(3).replace("ROLE_GRANTED", "ROLE_REVOKED"));
        assertThat(check(record).findings()).extracting(AuditFileCheck.Finding::reason)
                .containsExactly("its content was changed");
    }

    private static AuditFileCheck.Result check(List<String> lines) throws IOException {
        return AuditFileCheck.check(new BufferedReader(new StringReader(String.join("\n", lines))), null);
    }

    static ObjectNode event(String stream, long sequence, String payload) {
        return JSON.createObjectNode().put("kind", "event").put("position", sequence + 1).put("aggregateType", "Message")
                .put("aggregateId", stream).put("sequence", sequence).put("eventId", "e-" + sequence)
                .put("timestamp", "2026-12-07T10:00:0" + sequence + "Z").put("payloadType", "Sent")
                .putNull("payloadRevision").put("payload", b64(payload))
                .put("metadata", b64("{\"principal\":\"user:u-1\",\"correlationId\":\"r-1\"}"));
    }

    private static ObjectNode record(long position, String previousHash) {
        ObjectNode record = JSON.createObjectNode().put("kind", "record").put("position", position)
                .put("occurredAt", "2026-12-07T10:00:00Z").put("actor", "user:admin").putNull("deviceId")
                .put("correlationId", "r-" + position).put("type", "ROLE_GRANTED").put("subject", "user:u-1")
                .put("payload", "{\"role\":\"AUDITOR\"}").put("previousHash", previousHash);
        return record.put("hash", AuditFileCheck.recordHash(record));
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
