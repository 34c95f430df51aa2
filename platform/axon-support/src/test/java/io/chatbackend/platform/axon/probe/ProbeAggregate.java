package io.chatbackend.platform.axon.probe;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A minimal event-sourced aggregate used to prove the Axon wiring (not a domain concept). */
@Aggregate(snapshotTriggerDefinition = "eventCountSnapshotTrigger")
@Revision("2")
public class ProbeAggregate {

    @AggregateIdentifier
    private String id;
    private String text;

    protected ProbeAggregate() {
    }

    @CommandHandler
    public ProbeAggregate(ProbeCommands.Create command) {
        apply(new ProbeEvents.Created(command.id(), command.text()));
    }

    @CommandHandler
    public void handle(ProbeCommands.Change command) {
        apply(new ProbeEvents.Changed(id, command.text()));
    }

    @CommandHandler
    public String handle(ProbeCommands.Show command) {
        return text;
    }

    @EventSourcingHandler
    void on(ProbeEvents.Created event) {
        this.id = event.id();
        this.text = event.text();
    }

    @EventSourcingHandler
    void on(ProbeEvents.Changed event) {
        this.text = event.text();
    }

    public String getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
