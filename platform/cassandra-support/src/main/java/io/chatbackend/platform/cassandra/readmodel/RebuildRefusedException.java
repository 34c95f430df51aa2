package io.chatbackend.platform.cassandra.readmodel;

/** A rebuild could not start because another one of the same model runs (here or on another instance). */
public class RebuildRefusedException extends RuntimeException {

    private final String runningJobId;

    public RebuildRefusedException(String message, String runningJobId) {
        super(message);
        this.runningJobId = runningJobId;
    }

    /** The job that holds the model, if known. */
    public String runningJobId() {
        return runningJobId;
    }
}
