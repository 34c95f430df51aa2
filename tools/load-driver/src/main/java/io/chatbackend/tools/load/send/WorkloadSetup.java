package io.chatbackend.tools.load.send;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.common.api.User;
import io.chatbackend.tools.load.send.api.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Provisions the users and creates the dialogs a scenario needs, fresh for every run. */
final class WorkloadSetup {

    /** Dialogs are created this many at a time: setup is not what is measured, but it should not take minutes. */
    private static final int PARALLEL = 8;

    private WorkloadSetup() {
    }

    static Workload prepare(GatewayClient gateway, String adminToken, BenchSettings settings) throws Exception {
        return switch (settings.scenario()) {
            case DIRECT, READBACK -> directDialogs(gateway, adminToken, settings.dialogs(),
                    settings.scenario() == Scenario.DIRECT ? "bench-direct" : "bench-readback");
            case GROUP -> group(gateway, adminToken, settings.groupSize(), settings.groupSenders());
        };
    }

    /** One sender and one recipient per dialog; the recipients hold the live sessions. */
    private static Workload directDialogs(GatewayClient gateway, String adminToken, int dialogs, String prefix)
            throws Exception {
        List<User> users = gateway.provision(adminToken, 2 * dialogs, prefix);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<CompletableFuture<SendTarget>> created = new ArrayList<>();
            for (int i = 0; i < dialogs; i++) {
                User sender = users.get(2 * i);
                User recipient = users.get(2 * i + 1);
                created.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return new SendTarget(sender, gateway.createDirect(sender, recipient));
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }, pool));
            }
            List<SendTarget> targets = created.stream().map(CompletableFuture::join).toList();
            List<User> recipients = new ArrayList<>();
            for (int i = 0; i < dialogs; i++) {
                recipients.add(users.get(2 * i + 1));
            }
            return new Workload(dialogs + " direct dialogs", targets, recipients);
        } finally {
            pool.shutdown();
        }
    }

    /** One group; its first {@code senders} members send; every member holds a live session. */
    private static Workload group(GatewayClient gateway, String adminToken, int size, int senders) throws Exception {
        List<User> members = gateway.provision(adminToken, size, "bench-group");
        String dialog = gateway.createGroup(members.get(0), members.subList(1, size));
        List<SendTarget> targets = members.subList(0, senders).stream().map(m -> new SendTarget(m, dialog)).toList();
        return new Workload("one group of " + size + " members, " + senders + " senders", targets, members);
    }
}
