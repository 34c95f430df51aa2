package io.chatbackend.tools.load.send.api;

import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.common.api.User;

import java.util.List;

/**
 * What a scenario sends and who listens: send {@code i} goes to {@code targets[i % size]}; every user in
 * {@code listeners} holds a live WebSocket session during the run.
 */
public record Workload(String description, List<SendTarget> targets, List<User> listeners) {

    public Workload {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one target");
        }
        targets = List.copyOf(targets);
        listeners = List.copyOf(listeners);
    }

    public SendTarget target(long index) {
        return targets.get((int) (index % targets.size()));
    }
}
