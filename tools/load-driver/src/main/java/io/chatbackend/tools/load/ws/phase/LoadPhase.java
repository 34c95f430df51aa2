package io.chatbackend.tools.load.ws.phase;

import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.common.drive.OpenLoopDriver;
import io.chatbackend.tools.load.common.drive.OpenLoopSchedule;
import io.chatbackend.tools.load.common.figures.LatencySummary;
import io.chatbackend.tools.load.ws.WsSettings;
import io.chatbackend.tools.load.ws.send.MessageSender;
import io.chatbackend.tools.load.ws.session.Client;
import io.chatbackend.tools.load.ws.session.Credentials;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phase load: send → frame latency to the live sessions of 10-member groups while the system is under send load.
 * The driver offers {@code --background-rate} sends/s open loop over {@code --background-dialogs} 1:1 dialogs (each
 * recipient holding a live session, so the node pushes them too); after {@code --warmup} seconds,
 * {@code --messages} messages go to the small groups at {@code --message-rate}, also open loop, each from the next
 * member in turn. Latency counts from each send's intended time to each member session's frame (the sender's own
 * session included), so a slow answer cannot hide the sends it held up.
 */
public final class LoadPhase {

    static final String SMALL = "S";
    static final String BACKGROUND = "B";
    /** Sends are retried for up to 120 s: the drivers wait that long for the last answers. */
    private static final int DRAIN_SECONDS = 130;

    private final PhaseContext context;

    public LoadPhase(PhaseContext context) {
        this.context = context;
    }

    public boolean run() throws Exception {
        WsSettings settings = context.settings();
        context.begin(String.format("phase load: %d messages at %.1f/s to %d groups of %d members while %.0f "
                        + "sends/s go to %d 1:1 dialogs", settings.messages(), settings.messageRate(),
                settings.smallGroups(), WsSettings.SMALL_GROUP_SIZE, settings.backgroundRate(),
                settings.backgroundDialogs()));
        List<Credentials> members = context.provision(settings.smallGroups() * WsSettings.SMALL_GROUP_SIZE, "wssmall");
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < settings.smallGroups(); g++) {
            groups.add(context.createGroup(members.subList(g * WsSettings.SMALL_GROUP_SIZE,
                    (g + 1) * WsSettings.SMALL_GROUP_SIZE)));
        }
        List<Client> clients = new ArrayList<>(context.clients(members, members.size(), "small"));
        List<Conversation> background = List.of();
        if (settings.backgroundRate() > 0) {
            List<Credentials> pairs = context.provision(2 * settings.backgroundDialogs(), "wsbg");
            background = directDialogs(pairs);
            List<Credentials> recipients = new ArrayList<>();
            for (int i = 1; i < pairs.size(); i += 2) {
                recipients.add(pairs.get(i));
            }
            clients.addAll(context.clients(recipients, recipients.size(), "background"));
        }
        context.connect(clients, settings.connectParallelism());

        long start = System.nanoTime() + 1_000_000_000L;
        OpenLoopSchedule small = new OpenLoopSchedule(start + settings.warmupSeconds() * 1_000_000_000L,
                settings.messageRate(), settings.messages());
        Histogram latency = new Histogram(600_000_000_000L, 3);
        AtomicLong deliveries = new AtomicLong();
        context.events().listen((client, frame, firstCopy, at) -> {
            long index = PhaseContext.indexOf(frame.text(), SMALL);
            if (index >= 0 && index < settings.messages() && firstCopy) {
                deliveries.incrementAndGet();
                synchronized (latency) {
                    latency.recordValue(Math.min(latency.getHighestTrackableValue(),
                            Math.max(0, at - small.intendedAt(index))));
                }
            }
        });
        try (MessageSender smallSender = new MessageSender(context.gateway(), context.checker());
             MessageSender backgroundSender = new MessageSender(context.gateway(), context.checker())) {
            OpenLoopDriver backgroundDriver = null;
            Thread backgroundThread = null;
            if (!background.isEmpty()) {
                List<Conversation> targets = background;
                double seconds = settings.warmupSeconds() + settings.messages() / settings.messageRate() + 2;
                backgroundDriver = new OpenLoopDriver(OpenLoopSchedule.of(start, settings.backgroundRate(), seconds),
                        (index, intended) -> backgroundSender.send(targets.get((int) (index % targets.size())).target(),
                                PhaseContext.marker(BACKGROUND, index)), settings.maxInFlight());
                backgroundThread = drive(backgroundDriver);
            }
            context.out().say("running: %d s of background, then the small-group messages ...",
                    settings.warmupSeconds());
            OpenLoopDriver smallDriver = new OpenLoopDriver(small, (index, intended) -> smallSender.send(
                    target(members, groups, index), PhaseContext.marker(SMALL, index)), settings.messages());
            smallDriver.run(DRAIN_SECONDS);
            if (backgroundThread != null) {
                backgroundThread.join();
            }
            context.awaitEverythingDelivered(clients);
            context.events().stopListening();
            long acknowledged = smallSender.acknowledged();
            context.out().say("small-group sends: %s; the latest started %.1f ms after its intended time",
                    smallSender.describe(), smallDriver.maxLateMillis());
            context.out().say("frames of them at the members' live sessions: %,d (expected %,d: %d per "
                    + "acknowledged message)", deliveries.get(), acknowledged * WsSettings.SMALL_GROUP_SIZE,
                    WsSettings.SMALL_GROUP_SIZE);
            synchronized (latency) {
                context.out().say("send -> frame at a member's session, from the send's intended time: %s",
                        LatencySummary.of(latency).describe());
                context.report().loadLatency(latency);
            }
            if (backgroundDriver != null) {
                context.out().say("background: %s; the in-flight bound (%d) held sends back %d times; the latest "
                                + "started %.1f ms after its intended time", backgroundSender.describe(),
                        settings.maxInFlight(), backgroundDriver.limitHits(), backgroundDriver.maxLateMillis());
            }
        }
        boolean passed = context.end("load", clients);
        context.connector().disconnectAll(clients);
        return passed;
    }

    /** Message {@code index} goes to group {@code index % groups}, from its members in turn. */
    private static SendTarget target(List<Credentials> members, List<String> groups, long index) {
        int group = (int) (index % groups.size());
        int member = (int) ((index / groups.size()) % WsSettings.SMALL_GROUP_SIZE);
        return new SendTarget(members.get(group * WsSettings.SMALL_GROUP_SIZE + member).user(), groups.get(group));
    }

    /** A sender and its 1:1 dialog; the target is made when sending, with the sender's current token. */
    private record Conversation(Credentials sender, String dialogId) {
        SendTarget target() {
            return new SendTarget(sender.user(), dialogId);
        }
    }

    /** Pairs (sender, recipient) of consecutive users, each a 1:1 dialog; created 8 at a time. */
    private List<Conversation> directDialogs(List<Credentials> pairs) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Conversation>> created = new ArrayList<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                Credentials sender = pairs.get(i);
                Credentials recipient = pairs.get(i + 1);
                created.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        String dialog = context.gateway().createDirect(sender.user(), recipient.user());
                        context.checker().dialogCreated(dialog, List.of(sender.userId(), recipient.userId()));
                        return new Conversation(sender, dialog);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }, pool));
            }
            List<Conversation> targets = created.stream().map(CompletableFuture::join).toList();
            context.out().say("created %,d 1:1 dialogs in %.1f s", targets.size(), (System.nanoTime() - start) / 1e9);
            return targets;
        } finally {
            pool.shutdown();
        }
    }

    private static Thread drive(OpenLoopDriver driver) {
        Thread thread = new Thread(() -> {
            try {
                driver.run(DRAIN_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "background-sends");
        thread.start();
        return thread;
    }
}
