package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.ws.WsSettings;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.Credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Phase storm-dialogs (storm B): {@code --storm-users} users, each in {@code --storm-dialogs-per-user} dialogs of
 * 2–50 members ({@link DialogLayout}, from {@code --seed}) and holding a live session; all go away,
 * {@code --storm-messages} messages are spread over the dialogs (each to a random dialog from a random member, the
 * same for the same seed), and every session reconnects at once with {@code resume}.
 */
public final class DialogStormPhase {

    static final String TAG = "D";
    private static final int SENDS_IN_FLIGHT = 8;

    private final PhaseContext context;

    public DialogStormPhase(PhaseContext context) {
        this.context = context;
    }

    public boolean run() throws Exception {
        WsSettings settings = context.settings();
        context.begin(String.format("phase storm-dialogs (storm B): %,d users in %d dialogs of %d-%d members "
                        + "each (seed %d) miss %d messages, then reconnect at once", settings.stormUsers(),
                settings.stormDialogsPerUser(), WsSettings.STORM_DIALOG_MIN, WsSettings.STORM_DIALOG_MAX,
                settings.seed(), settings.stormMessages()));
        DialogLayout layout = DialogLayout.of(settings.stormUsers(), settings.stormDialogsPerUser(),
                WsSettings.STORM_DIALOG_MIN, WsSettings.STORM_DIALOG_MAX, settings.seed());
        List<Credentials> users = context.provision(settings.stormUsers(), "wsstorm");
        List<List<Credentials>> members = layout.dialogs().stream()
                .map(indexes -> indexes.stream().map(users::get).toList()).toList();
        List<String> dialogs = createDialogs(members);
        List<Client> clients = context.clients(users, users.size(), "storm");
        context.connect(clients, settings.connectParallelism());
        boolean passed = ReconnectStorm.run(context, "storm B (many dialogs)", "storm-dialogs", clients, sender -> {
            Random random = new Random(settings.seed());
            Semaphore inFlight = new Semaphore(SENDS_IN_FLIGHT);
            for (int i = 0; i < settings.stormMessages(); i++) {
                int dialog = random.nextInt(dialogs.size());
                List<Credentials> dialogMembers = members.get(dialog);
                Credentials from = dialogMembers.get(random.nextInt(dialogMembers.size()));
                inFlight.acquire();
                sender.send(new SendTarget(from.user(), dialogs.get(dialog)), PhaseContext.marker(TAG, i))
                        .whenComplete((ack, error) -> inFlight.release());
            }
            inFlight.acquire(SENDS_IN_FLIGHT);
        });
        context.connector().disconnectAll(clients);
        return passed;
    }

    /** The layout's dialogs, 8 created at a time (each member list fits one create call). */
    private List<String> createDialogs(List<List<Credentials>> members) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> created = new ArrayList<>();
            for (List<Credentials> dialog : members) {
                created.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return context.createGroup(dialog);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }, pool));
            }
            List<String> dialogs = created.stream().map(CompletableFuture::join).toList();
            context.out().say("created %,d dialogs (%,d memberships) in %.1f s", dialogs.size(),
                    members.stream().mapToInt(List::size).sum(), (System.nanoTime() - start) / 1e9);
            return dialogs;
        } finally {
            pool.shutdown();
        }
    }
}
