package io.chatbackend.platform.cassandra.readmodel;

/** Thrown into a replay when its rebuild can no longer switch (for example another instance took the model over). */
public class RebuildAbortedException extends RuntimeException {

    public RebuildAbortedException(String message) {
        super(message);
    }
}
