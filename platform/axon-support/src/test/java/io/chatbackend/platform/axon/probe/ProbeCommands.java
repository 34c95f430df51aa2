package io.chatbackend.platform.axon.probe;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class ProbeCommands {

    private ProbeCommands() {
    }

    public record Create(@TargetAggregateIdentifier String id, String text) {
    }

    public record Change(@TargetAggregateIdentifier String id, String text) {
    }
}
