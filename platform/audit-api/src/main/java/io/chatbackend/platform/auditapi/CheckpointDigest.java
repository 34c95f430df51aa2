package io.chatbackend.platform.auditapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sums up the items between two checkpoints as {@link AuditCheckpoint} defines it, one item at a time. */
final class CheckpointDigest {

    private final MessageDigest sha;
    private final Map<String, String> heads = new LinkedHashMap<>();
    private long items;

    CheckpointDigest(String previousDigest) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update((previousDigest + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void add(AuditItem item) {
        sha.update((item.position() + " " + item.aggregateId() + " " + item.sequence() + " " + item.hash() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        heads.put(item.aggregateId(), item.sequence() + " " + item.hash());
        items++;
    }

    long items() {
        return items;
    }

    Map<String, String> heads() {
        return heads;
    }

    String finish() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
