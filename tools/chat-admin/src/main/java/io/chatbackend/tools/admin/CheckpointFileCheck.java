package io.chatbackend.tools.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * The signed checkpoints of an export, checked against its items as {@code docs/audit-export.md} ("Signed
 * checkpoints") describes: their order and links, their signatures when the key is given, the items each one sums
 * up, and the newest head each one signed for a stream, which finds a tail or a whole stream deleted before the
 * export was written. The checkpoint lines come first in the file, so the items are walked once.
 *
 * <p>Written from {@code docs/audit-export.md} alone, like {@link AuditFileCheck}, and on purpose without the
 * services' code: a checker that shared the code it checks would share its mistakes.
 */
final class CheckpointFileCheck {

    private final byte[] key;
    private final List<JsonNode> checkpoints = new ArrayList<>();
    private final List<AuditFileCheck.Finding> findings;
    private Map<String, SignedHead> signedHeads;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private int current;
    private MessageDigest digest;
    private long itemsSinceLast;
    private long itemsBefore;

    /** {@code key}: the context's checkpoint key, or null to check everything but the signatures. */
    CheckpointFileCheck(byte[] key, List<AuditFileCheck.Finding> findings) {
        this.key = key;
        this.findings = findings;
    }

    int checkpoints() {
        return checkpoints.size();
    }

    boolean signaturesChecked() {
        return key != null && !checkpoints.isEmpty();
    }

    void checkpoint(JsonNode line) {
        if (signedHeads != null) {
            throw new IllegalArgumentException("a checkpoint line after the items: checkpoints come first");
        }
        long expected = checkpoints.size() + 1;
        long seq = line.path("seq").asLong();
        String previous = checkpoints.isEmpty() ? AuditFileCheck.GENESIS
                : checkpoints.get(checkpoints.size() - 1).path("signature").asString();
        if (seq != expected) {
            findings.add(new AuditFileCheck.Finding("checkpoint", expected, "checkpoints " + expected + " to "
                    + (seq - 1) + " are missing"));
        }
        if (key != null && !sign(key, signedText(line)).equals(line.path("signature").asString())) {
            findings.add(new AuditFileCheck.Finding("checkpoint", seq,
                    "its signature does not hold: the checkpoint was changed or forged"));
        } else if (!line.path("previousSignature").asString().equals(previous)) {
            findings.add(new AuditFileCheck.Finding("checkpoint", seq, "it does not follow the checkpoint before it"));
        }
        checkpoints.add(line);
    }

    /** One item of the file, in position order: its digest line and its stream's head. */
    void item(long position, String stream, long sequence, String hash) {
        if (signedHeads == null) {
            start();
        }
        while (current < checkpoints.size() && position > checkpoints.get(current).path("upToPosition").asLong()) {
            close();
        }
        if (current < checkpoints.size()) {
            digest.update((position + " " + stream + " " + sequence + " " + hash + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            itemsSinceLast++;
        }
        lastSeen.merge(stream, sequence, Math::max);
        SignedHead head = signedHeads.get(stream);
        if (head != null && head.sequence() == sequence) {
            signedHeads.put(stream, head.found(head.hash().equals(hash)));
        }
    }

    void finish() {
        if (signedHeads == null) {
            start();
        }
        while (current < checkpoints.size()) {
            close();
        }
        new TreeMap<>(signedHeads).forEach((stream, head) -> {
            if (head.found() == Boolean.TRUE) {
                return;
            }
            String signed = "checkpoint " + head.checkpoint() + " signed sequence " + head.sequence();
            Long seen = lastSeen.get(stream);
            String reason = seen == null ? "the stream is gone: " + signed
                    : head.found() == null && seen < head.sequence()
                    ? "the items after sequence " + seen + " are gone (a deleted tail): " + signed
                    : head.found() == null ? "it is missing: " + signed : "it differs from what " + signed;
            findings.add(new AuditFileCheck.Finding(stream, head.sequence(), reason));
        });
    }

    private void start() {
        signedHeads = new HashMap<>();
        for (JsonNode checkpoint : checkpoints) {
            long seq = checkpoint.path("seq").asLong();
            checkpoint.path("heads").properties().forEach(head -> signedHeads.put(head.getKey(),
                    SignedHead.of(head.getValue().asString(), seq)));
        }
        digest = sha256(AuditFileCheck.GENESIS);
    }

    private void close() {
        JsonNode checkpoint = checkpoints.get(current);
        long items = itemsBefore + itemsSinceLast;
        if (!HexFormat.of().formatHex(digest.digest()).equals(checkpoint.path("digest").asString())
                || items != checkpoint.path("items").asLong()) {
            findings.add(new AuditFileCheck.Finding("checkpoint", checkpoint.path("seq").asLong(), "the items up to "
                    + "position " + checkpoint.path("upToPosition").asLong() + " are not those it signed (" + items
                    + " found, " + checkpoint.path("items").asLong() + " signed): an item was deleted, added or "
                    + "changed"));
        }
        digest = sha256(checkpoint.path("digest").asString()); // go on from what was signed
        itemsBefore = checkpoint.path("items").asLong();
        itemsSinceLast = 0;
        current++;
    }

    /** docs/audit-export.md: every field, one a line, heads sorted by stream as {@code stream=sequence hash}. */
    static String signedText(JsonNode checkpoint) {
        Map<String, String> sorted = new TreeMap<>();
        checkpoint.path("heads").properties().forEach(head -> sorted.put(head.getKey(), head.getValue().asString()));
        String heads = sorted.entrySet().stream().map(head -> head.getKey() + "=" + head.getValue())
                .collect(Collectors.joining("\n"));
        return String.join("\n", Long.toString(checkpoint.path("seq").asLong()),
                checkpoint.path("takenAt").asString(), Long.toString(checkpoint.path("upToPosition").asLong()),
                Long.toString(checkpoint.path("items").asLong()), checkpoint.path("digest").asString(),
                checkpoint.path("previousSignature").asString(), heads);
    }

    /** HMAC-SHA256 of the text's UTF-8 bytes under the key, in lower-case hex. */
    static String sign(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256(String previous) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((previous + "\n").getBytes(StandardCharsets.UTF_8));
            return sha;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest head a checkpoint signed for a stream, and whether the file has it (null: not yet; false: differs). */
    private record SignedHead(long sequence, String hash, long checkpoint, Boolean found) {

        static SignedHead of(String signed, long checkpoint) {
            int space = signed.indexOf(' ');
            return new SignedHead(Long.parseLong(signed.substring(0, space)), signed.substring(space + 1),
                    checkpoint, null);
        }

        SignedHead found(boolean same) {
            return new SignedHead(sequence, hash, checkpoint, same);
        }
    }
}
