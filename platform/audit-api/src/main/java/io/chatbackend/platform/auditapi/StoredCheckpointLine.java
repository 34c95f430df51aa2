package io.chatbackend.platform.auditapi;

import java.util.Map;
import java.util.TreeMap;

/**
 * A signed checkpoint as an export carries it ({@code docs/audit-export.md}): every field the signature covers, in
 * the text form it was signed in, so that a file can be checked against what was signed before it was written.
 */
public record StoredCheckpointLine(String kind, long seq, String takenAt, long upToPosition, long items, String digest,
                                   Map<String, String> heads, String previousSignature, String signature) {

    public static final String KIND = "checkpoint";

    static StoredCheckpointLine of(AuditCheckpoint checkpoint) {
        return new StoredCheckpointLine(KIND, checkpoint.seq(), checkpoint.takenAt().toString(),
                checkpoint.upToPosition(), checkpoint.items(), checkpoint.digest(), new TreeMap<>(checkpoint.heads()),
                checkpoint.previousSignature(), checkpoint.signature());
    }
}
