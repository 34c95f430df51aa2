package io.chatbackend.platform.events;

/**
 * Some events of a batch were not acknowledged by Kafka. The first {@link #acknowledgedPrefix()} events of the
 * batch were; of the others, some may have been written too (a retry repeats them, never skips one).
 */
public class PublishFailedException extends RuntimeException {

    private final int acknowledgedPrefix;

    public PublishFailedException(int acknowledgedPrefix, int batchSize, Throwable cause) {
        super("Kafka acknowledged " + acknowledgedPrefix + " of " + batchSize + " integration events in order; "
                + "the rest failed: " + cause, cause);
        this.acknowledgedPrefix = acknowledgedPrefix;
    }

    /** How many events at the head of the batch were acknowledged, in order. */
    public int acknowledgedPrefix() {
        return acknowledgedPrefix;
    }
}
