package io.chatbackend.platform.axon.probe;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class ProbeCommands {

    private ProbeCommands() {
    }

    public record Create(@TargetAggregateIdentifier String id, String text) {
    }

    public record Change(@TargetAggregateIdentifier String id, String text) {
    }

    /** Answers the aggregate's text as loaded (from a snapshot and the events after it). */
    public record Show(@TargetAggregateIdentifier String id) {
    }
}
