package io.chatbackend.platform.auditapi;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A signed statement of what a context's audit stream held at one moment (ADR 0027): every item up to
 * {@code upToPosition}, summed up by a digest chained over the items in position order, and the head (last sequence
 * and hash) of each stream that changed since the checkpoint before. Deleting an item a checkpoint covers, a stream's
 * tail or a whole stream changes what the digest and the heads sum up; a key the database does not hold signs them.
 *
 * @param seq          1, 2, ...: the checkpoints' own order
 * @param items        items covered in total, from the first
 * @param digest       hex SHA-256 chained: {@code digest(n) = SHA-256(digest(n-1) "\n" item lines)}, one line per item
 *                     {@code position " " aggregateId " " sequence " " hash}; 64 zeros before the first
 * @param heads        stream → {@code "<sequence> <hash>"} for the streams that changed since the checkpoint before
 * @param signature    hex HMAC-SHA256 with the context's checkpoint key over {@link #signedText()}
 */
public record AuditCheckpoint(long seq, Instant takenAt, long upToPosition, long items, String digest,
                              Map<String, String> heads, String previousSignature, String signature) {

    public static final String GENESIS = "0".repeat(64);

    public AuditCheckpoint {
        heads = Map.copyOf(heads);
    }

    /** The text the signature covers: every field, one per line, heads sorted by stream. */
    public String signedText() {
        String headLines = new TreeMap<>(heads).entrySet().stream()
                .map(head -> head.getKey() + "=" + head.getValue()).collect(Collectors.joining("\n"));
        return String.join("\n", Long.toString(seq), takenAt.toString(), Long.toString(upToPosition),
                Long.toString(items), digest, previousSignature, headLines);
    }

    public AuditCheckpoint signed(byte[] key) {
        return new AuditCheckpoint(seq, takenAt, upToPosition, items, digest, heads, previousSignature,
                sign(key, signedText()));
    }

    public boolean signatureHolds(byte[] key) {
        return sign(key, signedText()).equals(signature);
    }

    static String sign(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
