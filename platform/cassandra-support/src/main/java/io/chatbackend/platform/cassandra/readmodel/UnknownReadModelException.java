package io.chatbackend.platform.cassandra.readmodel;

/** A read model name that this service does not know (or has no rebuild source for). */
public class UnknownReadModelException extends RuntimeException {

    public UnknownReadModelException(String model) {
        super("unknown read model: " + model);
    }
}
