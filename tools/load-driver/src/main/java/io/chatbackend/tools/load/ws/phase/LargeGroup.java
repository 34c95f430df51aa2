package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.Credentials;

import java.util.List;

/**
 * The large group of phases group and storm-group: {@code --group-size} provisioned members, one live session per
 * member; the first member sends.
 */
public record LargeGroup(String dialogId, List<Credentials> members, List<Client> clients) {

    public static LargeGroup create(PhaseContext context) throws Exception {
        List<Credentials> members = context.provision(context.settings().groupSize(), "wslarge");
        long start = System.nanoTime();
        String dialog = context.createGroup(members);
        context.out().say("large group: %,d members created in %.1f s", members.size(),
                (System.nanoTime() - start) / 1e9);
        List<Client> clients = context.clients(members, members.size(), "large");
        context.connect(clients, context.settings().connectParallelism());
        return new LargeGroup(dialog, members, clients);
    }

    /** Sends into the group, from its first member. */
    public SendTarget target() {
        return new SendTarget(members.get(0).user(), dialogId);
    }

    public int liveSessions() {
        return (int) clients.stream().filter(Client::isConnected).count();
    }

    public void close(PhaseContext context) {
        context.connector().disconnectAll(clients);
    }
}
