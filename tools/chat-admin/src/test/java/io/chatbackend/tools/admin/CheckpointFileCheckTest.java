package io.chatbackend.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed checkpoints an export begins with, checked offline (docs/audit-export.md, "Signed checkpoints"): built
 * here from the documented algorithm; that the services' own checkpoints agree is shown on a real export in the
 * system tests ({@code AuditThroughGatewayIT}).
 */
class CheckpointFileCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] KEY = "a checkpoint key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8);

    private final List<ObjectNode> items = new ArrayList<>();

    CheckpointFileCheckTest() throws Exception {
        chain("m-1", 3); // positions 1, 2, 3
        chain("m-2", 1); // position 4
    }

    @Test
    void anUntouchedExportHoldsWithTheKeyAndWithout() throws IOException {
        List<String> file = file(checkpoints(KEY), items);
        AuditFileCheck.Result keyed = check(file, KEY);
        assertThat(keyed.findings()).isEmpty();
        assertThat(keyed.checkpoints()).isEqualTo(2);
        assertThat(keyed.signaturesChecked()).isTrue();
        assertThat(check(file, null).findings()).isEmpty();
        assertThat(check(file, null).signaturesChecked()).isFalse();
    }

    @Test
    void aTailDeletedBeforeTheExportIsNamedByItsStreamAndTheSignedSequence() throws IOException {
        List<ObjectNode> withoutTail = new ArrayList<>(items);
        withoutTail.remove(2); // m-1 #2, the stream's last event
        assertThat(check(file(checkpoints(KEY), withoutTail), KEY).findings())
                .extracting(finding -> finding.stream() + " #" + finding.sequence() + ": " + finding.reason())
                .containsExactlyInAnyOrder("checkpoint #2: the items up to position 4 are not those it signed "
                        + "(3 found, 4 signed): an item was deleted, added or changed",
                        "m-1 #2: the items after sequence 1 are gone (a deleted tail): checkpoint 2 signed sequence 2");
    }

    @Test
    void aWholeStreamDeletedBeforeTheExportIsNamed() throws IOException {
        List<ObjectNode> withoutStream = new ArrayList<>(items.subList(0, 3));
        assertThat(check(file(checkpoints(KEY), withoutStream), KEY).findings())
                .extracting(AuditFileCheck.Finding::reason)
                .contains("the stream is gone: checkpoint 2 signed sequence 0");
    }

    @Test
    void aCheckpointChangedToFitADeletionFailsItsSignatureAndAMissingOneIsNamed() throws IOException {
        List<ObjectNode> signed = checkpoints(KEY);
        signed.get(1).put("items", 3);
        assertThat(check(file(signed, items), KEY).findings()).extracting(AuditFileCheck.Finding::reason)
                .contains("its signature does not hold: the checkpoint was changed or forged");
        assertThat(check(file(checkpoints("another key".getBytes(StandardCharsets.UTF_8)), items), KEY).findings())
                .hasSize(2);
        assertThat(check(file(checkpoints(KEY).subList(1, 2), items), KEY).findings())
                .extracting(AuditFileCheck.Finding::reason).contains("checkpoints 1 to 1 are missing");
    }

    /** Two checkpoints: up to position 2, then up to 4, as docs/audit-export.md defines them. */
    private List<ObjectNode> checkpoints(byte[] key) {
        List<ObjectNode> checkpoints = new ArrayList<>();
        String digest = AuditFileCheck.GENESIS;
        String signature = AuditFileCheck.GENESIS;
        long covered = 0;
        long seq = 0;
        for (long upTo : new long[] {2, 4}) {
            MessageDigest sha = sha256();
            sha.update((digest + "\n").getBytes(StandardCharsets.UTF_8));
            Map<String, String> heads = new TreeMap<>();
            for (ObjectNode item : items) {
                long position = item.get("position").asLong();
                if (position > covered && position <= upTo) {
                    String line = position + " " + item.get("aggregateId").asString() + " "
                            + item.get("sequence").asLong() + " " + item.get("chainHash").asString();
                    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                    heads.put(item.get("aggregateId").asString(), item.get("sequence").asLong() + " "
                            + item.get("chainHash").asString());
                }
            }
            digest = HexFormat.of().formatHex(sha.digest());
            ObjectNode checkpoint = JSON.createObjectNode().put("kind", "checkpoint").put("seq", ++seq)
                    .put("takenAt", "2026-12-07T10:00:0" + seq + "Z").put("upToPosition", upTo).put("items", upTo)
                    .put("digest", digest).put("previousSignature", signature);
            heads.forEach((stream, head) -> checkpoint.withObject("heads").put(stream, head));
            signature = CheckpointFileCheck.sign(key, CheckpointFileCheck.signedText(checkpoint));
            checkpoint.put("signature", signature);
            checkpoints.add(checkpoint);
            covered = upTo;
        }
        return checkpoints;
    }

    private void chain(String stream, int events) {
        String previous = AuditFileCheck.GENESIS;
        for (int sequence = 0; sequence < events; sequence++) {
            ObjectNode event = AuditFileCheckTest.event(stream, sequence, "{\"n\":" + sequence + "}")
                    .put("position", items.size() + 1);
            event.put("chainHash", AuditFileCheck.eventHash(previous, event));
            previous = event.get("chainHash").asString();
            items.add(event);
        }
    }

    private static List<String> file(List<ObjectNode> checkpoints, List<ObjectNode> items) {
        List<String> lines = new ArrayList<>();
        checkpoints.forEach(checkpoint -> lines.add(checkpoint.toString()));
        items.forEach(item -> lines.add(item.toString()));
        return lines;
    }

    private static AuditFileCheck.Result check(List<String> lines, byte[] key) throws IOException {
        return AuditFileCheck.check(new BufferedReader(new StringReader(String.join("\n", lines))), key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
