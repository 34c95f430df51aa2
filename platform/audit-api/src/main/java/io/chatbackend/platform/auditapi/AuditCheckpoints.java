package io.chatbackend.platform.auditapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes a context's signed checkpoints and checks the stream against them (ADR 0027). The per-stream hash chains
 * find a changed item and a gap inside a stream; only a statement signed earlier can tell that a stream's last items,
 * or a whole stream, were deleted. What came after the newest checkpoint is covered by none: deleting it goes
 * unseen, which is why checkpoints are taken often.
 */
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final int PAGE = 1000;
    static final String CHECKPOINT_STREAM = "checkpoint";

    private final AuditSource source;
    private final CheckpointStore store;
    private final byte[] key;
    private final Clock clock;

    AuditCheckpoints(AuditSource source, CheckpointStore store, String key, Clock clock) {
        this.source = source;
        this.store = store;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Signs what the stream holds now, if it holds more than the newest checkpoint covers. */
    public synchronized Optional<AuditCheckpoint> take() {
        Optional<AuditCheckpoint> newest = store.newest();
        long from = newest.map(AuditCheckpoint::upToPosition).orElse(0L);
        long horizon = source.horizon();
        if (horizon <= from) {
            return Optional.empty();
        }
        CheckpointDigest digest = new CheckpointDigest(newest.map(AuditCheckpoint::digest)
                .orElse(AuditCheckpoint.GENESIS));
        walk(from, horizon, digest::add);
        AuditCheckpoint checkpoint = new AuditCheckpoint(newest.map(AuditCheckpoint::seq).orElse(0L) + 1,
                clock.instant().truncatedTo(ChronoUnit.MICROS), horizon,
                newest.map(AuditCheckpoint::items).orElse(0L) + digest.items(), digest.finish(), digest.heads(),
                newest.map(AuditCheckpoint::signature).orElse(AuditCheckpoint.GENESIS), null).signed(key);
        try {
            store.add(checkpoint);
            return Optional.of(checkpoint);
        } catch (DuplicateKeyException e) {
            log.debug("Another instance took checkpoint {} first", checkpoint.seq());
            return Optional.empty();
        }
    }

    /** The checkpoints that cover nothing beyond {@code position}, in order: what an export up to it carries. */
    public List<AuditCheckpoint> upTo(long position) {
        return store.all().stream().filter(checkpoint -> checkpoint.upToPosition() <= position).toList();
    }

    /** What checking the stream against every checkpoint found. */
    public record Findings(int checkpoints, List<AuditVerification.Break> breaks) {
    }

    /**
     * Checks each checkpoint's signature and order, recomputes what each one sums up from the items as stored now,
     * and looks up the newest head each one signed: a head that is gone is a deleted tail, or a deleted stream.
     */
    public Findings verify() {
        List<AuditCheckpoint> checkpoints = store.all();
        List<AuditVerification.Break> breaks = new ArrayList<>();
        Map<String, SignedHead> signedHeads = new HashMap<>();
        String previousSignature = AuditCheckpoint.GENESIS;
        long expected = 1;
        for (AuditCheckpoint checkpoint : checkpoints) {
            if (checkpoint.seq() != expected) {
                breaks.add(new AuditVerification.Break(CHECKPOINT_STREAM, expected, "checkpoints " + expected
                        + " to " + (checkpoint.seq() - 1) + " are missing"));
            }
            if (!checkpoint.signatureHolds(key)) {
                breaks.add(new AuditVerification.Break(CHECKPOINT_STREAM, checkpoint.seq(),
                        "its signature does not hold: the checkpoint was changed or forged"));
            } else if (!checkpoint.previousSignature().equals(previousSignature)) {
                breaks.add(new AuditVerification.Break(CHECKPOINT_STREAM, checkpoint.seq(),
                        "it does not follow the checkpoint before it"));
            }
            previousSignature = checkpoint.signature();
            expected = checkpoint.seq() + 1;
            checkpoint.heads().forEach((stream, head) -> signedHeads.put(stream, SignedHead.of(head,
                    checkpoint.seq())));
        }

        Map<String, Long> lastSeen = new HashMap<>();
        long after = 0;
        String previousDigest = AuditCheckpoint.GENESIS;
        long previousItems = 0;
        for (AuditCheckpoint checkpoint : checkpoints) {
            CheckpointDigest digest = new CheckpointDigest(previousDigest);
            walk(after, checkpoint.upToPosition(), item -> {
                digest.add(item);
                lastSeen.merge(item.aggregateId(), item.sequence(), Math::max);
                SignedHead head = signedHeads.get(item.aggregateId());
                if (head != null && head.sequence() == item.sequence()) {
                    signedHeads.put(item.aggregateId(), head.found(head.hash().equals(item.hash())));
                }
            });
            long items = previousItems + digest.items();
            if (!digest.finish().equals(checkpoint.digest()) || items != checkpoint.items()) {
                breaks.add(new AuditVerification.Break(CHECKPOINT_STREAM, checkpoint.seq(), "the items up to "
                        + "position " + checkpoint.upToPosition() + " are not those it signed (" + items
                        + " found, " + checkpoint.items() + " signed): an item was deleted, added or changed"));
            }
            after = checkpoint.upToPosition();
            previousDigest = checkpoint.digest(); // go on from what was signed: one difference is reported once
            previousItems = checkpoint.items();
        }
        signedHeads.forEach((stream, head) -> headFinding(stream, head, lastSeen.get(stream))
                .ifPresent(breaks::add));
        return new Findings(checkpoints.size(), breaks);
    }

    private static Optional<AuditVerification.Break> headFinding(String stream, SignedHead head, Long lastSeen) {
        if (head.found() == Boolean.TRUE) {
            return Optional.empty();
        }
        String signed = "checkpoint " + head.checkpoint() + " signed sequence " + head.sequence();
        if (lastSeen == null) {
            return Optional.of(new AuditVerification.Break(stream, head.sequence(),
                    "the stream is gone: " + signed));
        }
        if (head.found() == null && lastSeen < head.sequence()) {
            return Optional.of(new AuditVerification.Break(stream, head.sequence(), "the items after sequence "
                    + lastSeen + " are gone (a deleted tail): " + signed));
        }
        return Optional.of(new AuditVerification.Break(stream, head.sequence(),
                head.found() == null ? "it is missing: " + signed : "it differs from what " + signed));
    }

    private void walk(long after, long upTo, Consumer<AuditItem> each) {
        long position = after;
        List<AuditItem> page;
        do {
            page = source.between(position, upTo, PAGE);
            for (AuditItem item : page) {
                each.accept(item);
                position = item.position();
            }
        } while (page.size() == PAGE);
    }

    /** The newest head a checkpoint signed for a stream, and whether it was found (null: not yet; false: differs). */
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
