package io.chatbackend.dialog.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The users one user has blocked (its id is the blocker's user id). Blocking and unblocking are idempotent: a
 * repeated request applies no event, so the stream holds only real changes for auditors to replay.
 */
@Aggregate
public class BlockList {

    @AggregateIdentifier
    private String blockerId;
    private final Set<UUID> blocked = new HashSet<>();

    protected BlockList() {
    }

    /** Whether the block is new. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(BlockUserCommand command) {
        if (blocked.contains(command.blockedId())) {
            return false;
        }
        apply(new UserBlockedEvent(command.blockerId(), command.blockedId(), command.at()));
        return true;
    }

    /** Whether there was a block to lift. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(UnblockUserCommand command) {
        if (!blocked.contains(command.blockedId())) {
            return false;
        }
        apply(new UserUnblockedEvent(command.blockerId(), command.blockedId(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(UserBlockedEvent event) {
        blockerId = event.blockerId();
        blocked.add(event.blockedId());
    }

    @EventSourcingHandler
    void on(UserUnblockedEvent event) {
        blockerId = event.blockerId();
        blocked.remove(event.blockedId());
    }
}
