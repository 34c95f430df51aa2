package io.chatbackend.tools.admin;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies an audit export offline, as {@code docs/audit-export.md} describes: every stored event's chain hash from
 * the stored bytes and the event before it in its stream, every audit record's hash from its fields and the record
 * before it, and the signed checkpoints the file begins with ({@link CheckpointFileCheck}). Needs nothing but the
 * file, and the context's checkpoint key to check the checkpoints' signatures.
 */
final class AuditFileCheck {

    static final String GENESIS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** One place the file does not hold. */
    record Finding(String stream, long sequence, String reason) {
    }

    /**
     * What the file held: items, streams, signed checkpoints (and whether their signatures were checked), and every
     * finding (none: every hash and every checkpoint holds).
     */
    record Result(long lines, long streams, long unchecked, int checkpoints, boolean signaturesChecked,
                  List<Finding> findings) {
    }

    private record Link(long sequence, String hash) {
    }

    private AuditFileCheck() {
    }

    /** Checks a file; {@code checkpointKey} is the context's checkpoint key, or null to leave signatures unchecked. */
    static Result check(BufferedReader lines, byte[] checkpointKey) throws IOException {
        Map<String, Link> heads = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        CheckpointFileCheck checkpoints = new CheckpointFileCheck(checkpointKey, findings);
        Link trail = null;
        long count = 0;
        long unchecked = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = JSON.readTree(text);
            if ("checkpoint".equals(line.path("kind").asString())) {
                checkpoints.checkpoint(line);
                continue;
            }
            count++;
            if ("record".equals(line.path("kind").asString())) {
                long sequence = line.path("position").asLong();
                checkpoints.item(sequence, line.path("subject").asString(), sequence, line.path("hash").asString());
                if (trail == null && sequence != 1) {
                    unchecked++; // an export that starts later: its first record links to what the file lacks
                } else if (trail != null && sequence != trail.sequence() + 1) {
                    findings.add(new Finding("audit", sequence, "records " + (trail.sequence() + 1) + " to "
                            + (sequence - 1) + " are missing"));
                } else if (!line.path("previousHash").asString().equals(trail == null ? GENESIS : trail.hash())) {
                    findings.add(new Finding("audit", sequence, "it does not follow the record before it"));
                }
                if (!recordHash(line).equals(line.path("hash").asString())) {
                    findings.add(new Finding("audit", sequence, "its content was changed"));
                }
                trail = new Link(sequence, line.path("hash").asString());
                continue;
            }
            String stream = line.path("aggregateId").asString();
            long sequence = line.path("sequence").asLong();
            Link before = heads.get(stream);
            String stored = line.path("chainHash").asString();
            checkpoints.item(line.path("position").asLong(), stream, sequence, stored);
            if (before == null && sequence != 0) {
                unchecked++;
            } else if (before != null && sequence != before.sequence() + 1) {
                findings.add(new Finding(stream, before.sequence() + 1, "events " + (before.sequence() + 1) + " to "
                        + (sequence - 1) + " are missing"));
            } else if (!eventHash(before == null ? GENESIS : before.hash(), line).equals(stored)) {
                findings.add(new Finding(stream, sequence,
                        "the stored chain hash does not match the event's content and metadata"));
            }
            heads.put(stream, new Link(sequence, stored));
        }
        checkpoints.finish();
        return new Result(count, heads.size() + (trail == null ? 0 : 1), unchecked, checkpoints.checkpoints(),
                checkpoints.signaturesChecked(), findings);
    }

    /** docs/audit-export.md, "Stored events". */
    static String eventHash(String previous, JsonNode line) {
        MessageDigest sha = sha256();
        String header = String.join("\n", previous, line.path("aggregateType").asString(""),
                line.path("aggregateId").asString(), Long.toString(line.path("sequence").asLong()),
                line.path("eventId").asString(), line.path("timestamp").asString(),
                line.path("payloadType").asString(), line.path("payloadRevision").asString(""), "");
        sha.update(header.getBytes(StandardCharsets.UTF_8));
        sha.update(Base64.getDecoder().decode(line.path("payload").asString()));
        sha.update((byte) '\n');
        Map<String, Object> metadata = new TreeMap<>(JSON.readValue(Base64.getDecoder()
                .decode(line.path("metadata").asString()), MAP));
        metadata.remove("chainHash");
        sha.update(CANONICAL.writeValueAsBytes(metadata));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** docs/audit-export.md, "Audit records". */
    static String recordHash(JsonNode line) {
        String canonical = String.join("\n", line.path("previousHash").asString(),
                Long.toString(line.path("position").asLong()), line.path("occurredAt").asString(),
                line.path("actor").asString(), line.path("deviceId").asString(""),
                line.path("correlationId").asString(""), line.path("type").asString(),
                line.path("subject").asString(), line.path("payload").asString());
        return HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
