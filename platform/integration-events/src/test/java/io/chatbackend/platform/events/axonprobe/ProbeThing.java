package io.chatbackend.platform.events.axonprobe;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A minimal event-sourced aggregate: created once, then changed. */
@Aggregate
public class ProbeThing {

    public record Create(@TargetAggregateIdentifier String id, String text) {
    }

    public record Change(@TargetAggregateIdentifier String id, String text) {
    }

    public record Created(String id, String text) {
    }

    public record Changed(String id, String text) {
    }

    /** An event the mapper does not publish (private to the "context"). */
    public record Touched(String id) {
    }

    public record Touch(@TargetAggregateIdentifier String id) {
    }

    @AggregateIdentifier
    private String id;

    protected ProbeThing() {
    }

    @CommandHandler
    public ProbeThing(Create command) {
        apply(new Created(command.id(), command.text()));
    }

    @CommandHandler
    public void handle(Change command) {
        apply(new Changed(id, command.text()));
    }

    @CommandHandler
    public void handle(Touch command) {
        apply(new Touched(id));
    }

    @EventSourcingHandler
    void on(Created event) {
        this.id = event.id();
    }
}
